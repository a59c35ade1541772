package io.zonecast.poolmanager.recovery;

import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.poolmanager.ZoneChanged;
import io.zonecast.poolmanager.propagation.ZoneChangeHandler;
import io.zonecast.poolmanager.system.ExclusiveRuns;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Re-drives zones whose change ended in ERROR (a target down, a poll that ran out of retries): the
 * change goes through the pool manager's own handling again, as if central had re-sent it (CREATE
 * adds the zone on the targets again, DELETE removes it again, every action casts a fresh round),
 * with exponential backoff per zone and serial. When the target is back, the verdict is SUCCESS and
 * central turns the zone ACTIVE. One instance at a time ({@link ExclusiveRuns}); zones PENDING too
 * long are central's to re-send ({@code zonecast.central.recovery.*}), never re-driven here.
 */
@Component
class ErrorZoneRecovery implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(ErrorZoneRecovery.class);

  private final RedriveRepository redrives;
  private final ZoneChangeHandler handler;
  private final ExclusiveRuns exclusive;
  private final RecoveryProperties settings;
  private final Clock clock;

  ErrorZoneRecovery(
      RedriveRepository redrives,
      ZoneChangeHandler handler,
      ExclusiveRuns exclusive,
      RecoveryProperties settings,
      Clock clock) {
    this.redrives = redrives;
    this.clock = clock;
    this.handler = handler;
    this.exclusive = exclusive;
    this.settings = settings;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(
        new FixedDelayTask(this::run, settings.interval(), settings.interval()));
  }

  void run() {
    try {
      exclusive.runAlone(ExclusiveRuns.RECOVERY, this::redriveDue);
    } catch (RuntimeException e) {
      log.warn("re-driving zones in ERROR failed, trying again: {}", e.toString());
    }
  }

  /** One run: returns how many zones were re-driven. */
  int redriveDue() {
    redrives.forgetRecovered();
    redrives.scheduleNewErrors(settings.backoff(0));
    var due = redrives.due(settings.batchSize());
    for (RedriveRepository.ErrorZone error : due) {
      int attempts = error.attempts() + 1;
      redrives.redriven(error.zone().id(), attempts, settings.backoff(attempts));
      RequestContext context =
          new RequestContext("req-redrive-" + UUID.randomUUID(), error.projectId());
      log.info(
          "re-driving {} of {} at serial {} (ERROR; re-drive {}) as {}",
          error.action(),
          error.zone().name(),
          error.zone().serial(),
          attempts,
          context.requestId());
      handler.zoneChanged(new ZoneChanged(context, error.zone(), error.action(), clock.instant()));
    }
    return due.size();
  }
}
