package io.zonecast.poolmanager.propagation;

import io.zonecast.poolmanager.system.PoolManagerProperties;
import java.time.Duration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives up on propagations whose round of polls never got a verdict (MiniDNS down, a cast lost):
 * after {@code give-up-after} they are reported ERROR, naming the silent nameservers. Central's
 * recovery re-sends the change later, which starts the propagation over. Deleted zones are
 * forgotten after the same time, abandoned ones (gone from central without a DELETE) at once.
 */
@Component
class StalePropagations {

  private final PropagationTracker tracker;
  private final Decisions decisions;
  private final Duration giveUpAfter;

  StalePropagations(
      PropagationTracker tracker, Decisions decisions, PoolManagerProperties properties) {
    this.tracker = tracker;
    this.decisions = decisions;
    this.giveUpAfter = properties.giveUpAfter();
  }

  @Scheduled(fixedDelayString = "${zonecast.pool-manager.stale-check-interval:30s}")
  void giveUp() {
    tracker.forgetAbandoned();
    tracker.giveUpSilentFor(giveUpAfter).forEach(decisions::carryOut);
    tracker.forgetDeletedFor(giveUpAfter);
  }
}
