package io.zonecast.poolmanager.propagation;

import io.zonecast.poolmanager.system.PoolManagerProperties;
import java.time.Duration;
import java.time.Instant;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives up on propagations whose polls never all answered (MiniDNS down, a cast lost): after {@code
 * give-up-after} they are reported ERROR, naming the silent nameservers, and forgotten, so the
 * tracker never grows without bound. Central's recovery re-sends the change later.
 */
@Component
class StalePropagations {

  private final PropagationTracker tracker;
  private final Reports reports;
  private final Duration giveUpAfter;

  StalePropagations(PropagationTracker tracker, Reports reports, PoolManagerProperties properties) {
    this.tracker = tracker;
    this.reports = reports;
    this.giveUpAfter = properties.giveUpAfter();
  }

  @Scheduled(fixedDelayString = "${zonecast.pool-manager.stale-check-interval:30s}")
  void giveUp() {
    giveUpStartedBefore(Instant.now().minus(giveUpAfter));
  }

  void giveUpStartedBefore(Instant deadline) {
    for (Propagation propagation : tracker.startedBefore(deadline)) {
      if (tracker.end(propagation)) {
        reports.error(
            propagation.context(),
            propagation.zone(),
            propagation.action(),
            propagation.silenceReport(giveUpAfter));
      }
    }
  }
}
