package io.zonecast.poolmanager.propagation;

import io.zonecast.poolmanager.system.PoolManagerProperties;
import java.time.Duration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Gives up on propagations whose round of polls never got a verdict (MiniDNS down, a cast lost):
 * after {@code give-up-after} they are reported ERROR, naming the silent nameservers. Central's
 * recovery re-sends the change later, which starts the propagation over. Deleted zones are
 * forgotten after the same time, abandoned ones (gone from central without a DELETE) at once.
 */
@Component
class StalePropagations implements SchedulingConfigurer {

  private final PropagationTracker tracker;
  private final Decisions decisions;
  private final Duration giveUpAfter;
  private final Duration checkInterval;

  StalePropagations(
      PropagationTracker tracker, Decisions decisions, PoolManagerProperties properties) {
    this.tracker = tracker;
    this.decisions = decisions;
    this.giveUpAfter = properties.giveUpAfter();
    this.checkInterval = properties.staleCheckInterval();
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(new FixedDelayTask(this::giveUp, checkInterval, Duration.ZERO));
  }

  void giveUp() {
    tracker.forgetAbandoned();
    tracker.giveUpSilentFor(giveUpAfter).forEach(decisions::carryOut);
    tracker.forgetDeletedFor(giveUpAfter);
  }
}
