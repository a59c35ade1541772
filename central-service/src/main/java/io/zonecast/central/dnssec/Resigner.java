package io.zonecast.central.dnssec;

import io.zonecast.central.journal.RecordDelta;
import io.zonecast.central.zone.ZoneChanges;
import io.zonecast.central.zone.ZoneService;
import io.zonecast.model.messaging.RequestContext;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves keys along their rollover timeline ({@link DnssecService#advanceKeys}) and renews
 * signatures before they expire: zones with a signature that has less than {@code
 * signature-refresh} left get a change of their own (new serial), with which {@link ZoneSigner}
 * signs every RRset whose signature is due. One central instance at a time runs it (a PostgreSQL
 * advisory lock held by the run's transaction); each zone is re-signed in its own transaction.
 */
@Component
class Resigner implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(Resigner.class);
  private static final long LOCK = 0x7a63_646e_7373_6563L; // "zcdnssec"

  private final JdbcTemplate jdbc;
  private final ZoneService zones;
  private final DnssecService dnssec;
  private final ZoneChanges changes;
  private final DnssecProperties properties;
  private final KeyEncryption encryption;
  private final Clock clock;
  private final TransactionTemplate run;
  private final TransactionTemplate perZone;

  Resigner(
      JdbcTemplate jdbc,
      ZoneService zones,
      DnssecService dnssec,
      ZoneChanges changes,
      DnssecProperties properties,
      KeyEncryption encryption,
      Clock clock,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.zones = zones;
    this.dnssec = dnssec;
    this.changes = changes;
    this.properties = properties;
    this.encryption = encryption;
    this.clock = clock;
    this.run = new TransactionTemplate(transactions);
    this.perZone = new TransactionTemplate(transactions);
    this.perZone.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(
        new FixedDelayTask(
            this::scheduled, properties.resignInterval(), properties.resignInterval()));
  }

  public void scheduled() {
    if (encryption.available()) {
      resignDue();
    }
  }

  /** Re-signs up to {@code resign-batch} zones with signatures due; how many it re-signed. */
  public int resignDue() {
    Integer done =
        run.execute(status -> {
          Boolean mine =
              jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, LOCK);
          if (!Boolean.TRUE.equals(mine)) {
            return 0;
          }
          LocalDateTime due =
              LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)
                  .plus(properties.signatureRefresh());
          List<UUID> zoneIds =
              jdbc.queryForList(
                  """
                  select zone_id from zone_dnssec_records where expires_at < ?
                  group by zone_id order by min(expires_at) limit ?
                  """,
                  UUID.class,
                  due,
                  properties.resignBatch());
          int resigned = 0;
          LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
          List<UUID> keyEvents =
              jdbc.queryForList(
                  """
                  select distinct zone_id from zone_keys
                  where (state in ('PUBLISHED', 'DS_PENDING') and active_at <= ?)
                     or (state = 'RETIRED' and remove_at <= ?)
                     or (role = 'ZSK' and state = 'ACTIVE' and active_at <= ?)
                  limit ?
                  """,
                  UUID.class,
                  now,
                  now,
                  now.minus(properties.zskLifetime()),
                  properties.resignBatch());
          for (UUID zoneId : keyEvents) {
            try {
              if (Boolean.TRUE.equals(perZone.execute(s -> dnssec.advanceKeys(zoneId)))) {
                resigned++;
              }
            } catch (RuntimeException e) {
              log.error("moving the keys of zone {} failed: {}", zoneId, e.getMessage(), e);
            }
          }
          for (UUID zoneId : zoneIds) {
            try {
              if (Boolean.TRUE.equals(perZone.execute(s -> resign(zoneId)))) {
                resigned++;
              }
            } catch (RuntimeException e) {
              log.error("re-signing zone {} failed: {}", zoneId, e.getMessage(), e);
            }
          }
          return resigned;
        });
    if (done != null && done > 0) {
      log.info("re-signed {} zones whose signatures were due", done);
    }
    return done == null ? 0 : done;
  }

  private boolean resign(UUID zoneId) {
    return zones
        .lockForMaintenance(zoneId)
        .map(zone -> {
          changes.changed(
              zone,
              RecordDelta.NONE,
              new RequestContext("req-resign-" + UUID.randomUUID(), zone.getProjectId()));
          return true;
        })
        .orElse(false);
  }
}
