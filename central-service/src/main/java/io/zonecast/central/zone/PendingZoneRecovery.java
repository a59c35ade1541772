package io.zonecast.central.zone;

import io.zonecast.central.system.CentralProperties;
import io.zonecast.model.messaging.RequestContext;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands a zone's change to the pool manager again when the zone stayed PENDING too long after it
 * was published: a pool manager that died mid-propagation, or a lost message, then costs a delay,
 * never a zone stuck PENDING. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several
 * central instances never re-send the same zone in one round. The pool manager's handling is
 * idempotent (addzone of an existing zone succeeds, serials are compared), so a re-send is
 * harmless. The waits double (each as long as the zone has been PENDING so far, from {@code
 * pending-after} up to {@code max-backoff}), so a long propagation is not restarted every minute.
 * Zones in ERROR are the pool manager's to re-drive (its {@code recovery}), never re-sent here.
 */
@Component
class PendingZoneRecovery implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(PendingZoneRecovery.class);

  private final ZoneRepository zones;
  private final ZoneChanges changes;
  private final CentralProperties.Recovery settings;
  private final TransactionTemplate transaction;

  PendingZoneRecovery(
      ZoneRepository zones,
      ZoneChanges changes,
      CentralProperties properties,
      PlatformTransactionManager transactions) {
    this.zones = zones;
    this.changes = changes;
    this.settings = properties.recovery();
    this.transaction = new TransactionTemplate(transactions);
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(
        new FixedDelayTask(this::republishStalePending, settings.interval(), settings.interval()));
  }

  /** One round, in one transaction (the rows stay locked until the re-sends are written). */
  public void republishStalePending() {
    transaction.executeWithoutResult(status -> republishInTransaction());
  }

  private void republishInTransaction() {
    List<Zone> stale =
        zones.lockStalePending(
            changes.now(),
            settings.pendingAfter().toMillis() / 1000.0,
            settings.maxBackoff().toMillis() / 1000.0,
            settings.batchSize());
    for (Zone zone : stale) {
      RequestContext context =
          new RequestContext("req-recovery-" + UUID.randomUUID(), zone.getProjectId());
      log.warn(
          "zone {} still PENDING ({} at serial {}): publishing again as {}",
          zone.getName(),
          zone.getAction(),
          zone.getSerial(),
          context.requestId());
      changes.republish(zone, context);
    }
  }
}
