package io.zonecast.runtime.signal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP as the "read your pools file again" signal, as daemons use it. {@code sun.misc.Signal}
 * (module {@code jdk.unsupported}, exported without flags on Java 25) replaces the JVM's own SIGHUP
 * handler, which would otherwise start a shutdown. The action runs on a virtual thread of its own,
 * never on the signal dispatcher.
 */
public final class HangupSignal {

  private static final Logger log = LoggerFactory.getLogger(HangupSignal.class);

  private HangupSignal() {}

  /**
   * Runs {@code action} at every SIGHUP; false when this platform has no SIGHUP (Windows) or the
   * JVM reserves it ({@code -Xrs}), which is logged.
   */
  public static boolean onHangup(String what, Runnable action) {
    try {
      Signal.handle(
          new Signal("HUP"),
          signal ->
              Thread.ofVirtual()
                  .name("sighup")
                  .start(() -> {
                    log.info("SIGHUP: {}", what);
                    try {
                      action.run();
                    } catch (RuntimeException e) {
                      log.warn("SIGHUP: {} failed: {}", what, e.toString());
                    }
                  }));
      return true;
    } catch (IllegalArgumentException e) {
      log.warn("no SIGHUP handler ({}): {} only through its endpoint", e.getMessage(), what);
      return false;
    }
  }
}
