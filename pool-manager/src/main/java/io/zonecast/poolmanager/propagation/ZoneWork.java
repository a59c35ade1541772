package io.zonecast.poolmanager.propagation;

import io.zonecast.model.messaging.RequestContext;
import io.zonecast.runtime.logging.LogContext;
import jakarta.annotation.PreDestroy;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs the handling of zone changes off the message listener: the changes of one zone one after the
 * other, in the order they arrived (a DELETE never overtakes the CREATE before it), changes of
 * different zones at the same time, so a slow target holds up only its own zone.
 */
@Component
class ZoneWork {

  private static final Logger log = LoggerFactory.getLogger(ZoneWork.class);

  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final ConcurrentMap<UUID, CompletableFuture<Void>> lastOfZone = new ConcurrentHashMap<>();

  /**
   * Queues the task behind the zone's earlier ones; it runs with the request id in the MDC. The
   * future fails when the task does (so its message is tried again, then dead-lettered); a failed
   * task does not keep the zone's later ones from running.
   */
  CompletableFuture<Void> submit(UUID zoneId, RequestContext context, Runnable task) {
    Runnable logged =
        () ->
            LogContext.run(
                context,
                () -> {
                  try {
                    task.run();
                  } catch (RuntimeException e) {
                    log.error("handling a change of zone {} failed", zoneId, e);
                    throw e;
                  }
                });
    CompletableFuture<Void> queued =
        lastOfZone.compute(
            zoneId,
            (id, previous) ->
                previous == null
                    ? CompletableFuture.runAsync(logged, executor)
                    : previous.exceptionally(earlierFailed -> null).thenRunAsync(logged, executor));
    queued.whenComplete((ignored, error) -> lastOfZone.remove(zoneId, queued));
    return queued;
  }

  /** Zones with work queued or running. */
  int zonesInProgress() {
    return lastOfZone.size();
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }
}
