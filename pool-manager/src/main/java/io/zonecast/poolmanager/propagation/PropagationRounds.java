package io.zonecast.poolmanager.propagation;

import io.zonecast.poolmanager.system.PoolManagerProperties;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Starts the rounds nobody else starts: at start-up, one for every unfinished propagation (what was
 * in flight when the last instance stopped); then, every fifth of the coalescing window, those that
 * waited for the window to pass.
 */
@Component
class PropagationRounds {

  private static final Logger log = LoggerFactory.getLogger(PropagationRounds.class);
  private static final int BATCH = 500;
  private static final Duration SHORTEST_CHECK = Duration.ofMillis(20);

  private final PropagationTracker tracker;
  private final Decisions decisions;
  private final TaskScheduler scheduler;
  private final Duration checkInterval;
  private final Clock clock;

  PropagationRounds(
      PropagationTracker tracker,
      Decisions decisions,
      TaskScheduler scheduler,
      PoolManagerProperties properties,
      Clock clock) {
    this.tracker = tracker;
    this.clock = clock;
    this.decisions = decisions;
    this.scheduler = scheduler;
    Duration fifth = properties.coalesceWindow().dividedBy(5);
    this.checkInterval = fifth.compareTo(SHORTEST_CHECK) < 0 ? SHORTEST_CHECK : fifth;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    scheduler.schedule(this::resume, clock.instant());
    scheduler.scheduleWithFixedDelay(this::castDueRounds, checkInterval);
  }

  void resume() {
    try {
      var rounds = tracker.resumeUnfinished();
      rounds.forEach(decisions::carryOut);
      log.info("resumed {} unfinished propagations", rounds.size());
    } catch (RuntimeException e) {
      // the rounds are still cast: castDueRounds picks them up once their window has passed
      log.warn("resuming unfinished propagations failed: {}", e.toString());
    }
  }

  void castDueRounds() {
    try {
      tracker.dueRounds(BATCH).forEach(decisions::carryOut);
    } catch (RuntimeException e) {
      log.warn("casting due propagation rounds failed, trying again: {}", e.toString());
    }
  }
}
