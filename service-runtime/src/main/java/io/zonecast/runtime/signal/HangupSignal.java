package io.zonecast.runtime.signal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    if (ignoredAtStart()) {
      // the JVM leaves a shutdown signal that was ignored when it started ignored, and
      // Signal.handle says nothing of it
      log.warn(
          "SIGHUP was ignored when this process started (nohup?), so it stays ignored: {} only"
              + " through its endpoint or a change of the file",
          what);
      return false;
    }
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

  /** SIGHUP in this process's ignored signals (Linux: {@code SigIgn} of /proc/self/status). */
  static boolean ignoredAtStart() {
    return ignored(PROC_STATUS);
  }

  static final Path PROC_STATUS = Path.of("/proc/self/status");

  static boolean ignored(Path status) {
    try (var lines = Files.lines(status)) {
      return lines
          .filter(line -> line.startsWith("SigIgn:"))
          .findFirst()
          .map(line -> (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 1L) != 0)
          .orElse(false);
    } catch (IOException | RuntimeException e) {
      return false; // not Linux, or unreadable: Signal.handle is all there is
    }
  }
}
