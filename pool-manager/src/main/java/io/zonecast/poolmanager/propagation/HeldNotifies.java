package io.zonecast.poolmanager.propagation;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * NOTIFYs held back for a while: those to the targets of a zone just added to them, which pull it
 * anyway. A held NOTIFY is cast when its time comes unless the zone was decided (reported) or got a
 * new round (which NOTIFYs the targets itself) in the meantime. Kept in this instance's memory
 * only: an instance that stops loses them, as the targets pull the zone all the same and the next
 * instance casts every unfinished round again.
 */
@Component
class HeldNotifies {

  private static final Logger log = LoggerFactory.getLogger(HeldNotifies.class);

  private final ConcurrentMap<UUID, Object> held = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("held-notifies").daemon().factory());

  /** Casts {@code notifies} after {@code delay} unless the zone is {@link #settled} before. */
  void hold(UUID zoneId, Duration delay, Runnable notifies) {
    if (!delay.isPositive()) {
      notifies.run();
      return;
    }
    Object token = new Object();
    held.put(zoneId, token);
    try {
      timer.schedule(
          () -> {
            if (held.remove(zoneId, token)) {
              try {
                notifies.run();
              } catch (RuntimeException e) {
                log.warn("held NOTIFYs of zone {} not cast: {}", zoneId, e.toString());
              }
            }
          },
          delay.toNanos(),
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // stopping: the targets pull the zone anyway
      held.remove(zoneId, token);
    }
  }

  /** The zone was decided or NOTIFYd otherwise: its held NOTIFYs are not needed. */
  void settled(UUID zoneId) {
    held.remove(zoneId);
  }

  /** True while NOTIFYs of the zone are held. */
  boolean holds(UUID zoneId) {
    return held.containsKey(zoneId);
  }

  @PreDestroy
  void stop() {
    timer.shutdownNow();
  }
}
