package io.zonecast.runtime.pool;

import io.zonecast.model.pool.PoolsFileHolder;
import io.zonecast.runtime.signal.HangupSignal;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.TaskScheduler;

/**
 * The triggers that read a process's pools file again, all through {@link PoolsFileHolder#reload}:
 * SIGHUP ({@code bin/zonecast pool update}, as daemons do), and a change of the file's modification
 * time or size, checked every second. The pool manager and MiniDNS also answer {@code POST
 * /pools/reload}, which calls the same method.
 */
public final class PoolsFileReloads implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(PoolsFileReloads.class);

  /** How often the file's modification time is looked at: one stat, cheap. */
  static final Duration CHECK_EVERY = Duration.ofSeconds(1);

  private final ScheduledFuture<?> watch;

  public PoolsFileReloads(PoolsFileHolder holder, TaskScheduler scheduler) {
    if (holder.path().isEmpty()) {
      watch = null;
      return;
    }
    HangupSignal.onHangup(
        "reading the pools file " + holder.path().get() + " again",
        () -> holder.reload(null, false));
    watch =
        scheduler.scheduleWithFixedDelay(
            () -> {
              try {
                holder.reloadIfModified();
              } catch (RuntimeException e) {
                // a listener failed: the version is in force, the next change is read again
                log.warn("reloading the pools file failed: {}", e.toString());
              }
            },
            CHECK_EVERY);
  }

  @Override
  public void destroy() {
    if (watch != null) {
      watch.cancel(false);
    }
  }
}
