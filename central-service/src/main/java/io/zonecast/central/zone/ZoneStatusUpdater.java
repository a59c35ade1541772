package io.zonecast.central.zone;

import io.zonecast.model.central.ZoneStatusReport;
import io.zonecast.model.central.ZoneStatusReport.Outcome;
import io.zonecast.model.zone.ZoneAction;
import java.time.LocalDateTime;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place that turns the pool manager's reports into zone status. A report counts only when
 * it is about the zone's current serial and current action: an answer about an older change (or
 * about a create or update after a delete was asked for) changes nothing.
 */
@Service
public class ZoneStatusUpdater {

  private static final Logger log = LoggerFactory.getLogger(ZoneStatusUpdater.class);

  private final ZoneRepository zones;
  private final ZoneChanges changes;
  private final JdbcTemplate jdbc;
  private final ZoneChangeTimer timer;
  private final PoolMoveReports poolMoves;

  ZoneStatusUpdater(
      ZoneRepository zones,
      ZoneChanges changes,
      JdbcTemplate jdbc,
      ZoneChangeTimer timer,
      PoolMoveReports poolMoves) {
    this.zones = zones;
    this.changes = changes;
    this.jdbc = jdbc;
    this.timer = timer;
    this.poolMoves = poolMoves;
  }

  /**
   * Applies a report under the zone's row lock. A zone that is not moving between pools, the common
   * case, is read and written with two statements (its row locked and read, then its status and its
   * recordsets' written together), without loading the entity; a moving zone goes through {@link
   * PoolMoveReports}, which needs the entity.
   */
  @Transactional
  public void apply(ZoneStatusReport report) {
    Locked zone = lock(report.zone().id());
    if (zone == null) {
      log.info("status report for zone {} which no longer exists: ignored", report.zone().name());
      return;
    }
    if (zone.moving()) {
      applyToMovingZone(report);
      return;
    }
    if (zone.serial() != report.zone().serial() || zone.action() != report.action()) {
      logStale(report, zone.name(), zone.action(), zone.serial());
      return;
    }
    LocalDateTime now = changes.now();
    boolean error = report.outcome() == Outcome.ERROR;
    timer.finished(zone.changedAt(), report.action(), error ? "ERROR" : "ACTIVE", now);
    if (error) {
      setStatus(zone.id(), zone.serial(), "ERROR", report.message(), now);
      log.warn("zone {} {} failed: {}", zone.name(), report.action(), report.message());
    } else if (report.action() == ZoneAction.DELETE) {
      jdbc.update("delete from zones where id = ?", zone.id());
      log.info("zone {} deleted from every target", zone.name());
    } else {
      setStatus(zone.id(), zone.serial(), "ACTIVE", null, now);
      // every change's: DEBUG (zonecast.zone.change.duration counts them); ERRORs stay at WARN
      log.debug("zone {} ACTIVE at serial {}", zone.name(), zone.serial());
    }
  }

  /** What a report is checked against, read with the row lock. */
  private record Locked(
      UUID id,
      String name,
      long serial,
      ZoneAction action,
      LocalDateTime changedAt,
      boolean moving) {}

  private Locked lock(UUID id) {
    return jdbc
        .query(
            """
            select z.id, z.name, z.serial, z.action, coalesce(z.updated_at, z.created_at),
                   exists (select 1 from zone_pool_moves m where m.zone_id = z.id)
            from zones z where z.id = ? for no key update of z
            """,
            (rs, n) ->
                new Locked(
                    rs.getObject(1, UUID.class),
                    rs.getString(2),
                    rs.getLong(3),
                    ZoneAction.valueOf(rs.getString(4)),
                    rs.getObject(5, LocalDateTime.class),
                    rs.getBoolean(6)),
            id)
        .stream()
        .findFirst()
        .orElse(null);
  }

  /**
   * The zone's status (ACTIVE ends its action, ERROR keeps it, as {@link Zone#markActive} and
   * {@link Zone#markError}), its version moved as Hibernate would, and the status of the recordsets
   * changed at or before its serial, in one statement.
   */
  private void setStatus(UUID id, long serial, String status, String message, LocalDateTime now) {
    jdbc.update(
        """
        with zone as (
          update zones set status = ?,
                           action = case when ? = 'ACTIVE' then 'NONE' else action end,
                           status_message = ?, updated_at = ?, version = version + 1
          where id = ?)
        """
            + RECORDSETS_SQL,
        status,
        status,
        message,
        now,
        id,
        status,
        status,
        id,
        serial);
  }

  private void applyToMovingZone(ZoneStatusReport received) {
    Zone zone = zones.lockById(received.zone().id()).orElseThrow();
    ZoneStatusReport report = poolMoves.apply(zone, received).orElse(null);
    if (report == null) {
      return;
    }
    if (zone.getSerial() != report.zone().serial() || zone.getAction() != report.action()) {
      logStale(report, zone.getName(), zone.getAction(), zone.getSerial());
      return;
    }
    LocalDateTime changedAt =
        zone.getUpdatedAt() != null ? zone.getUpdatedAt() : zone.getCreatedAt();
    timer.finished(
        changedAt,
        report.action(),
        report.outcome() == Outcome.ERROR ? "ERROR" : "ACTIVE",
        changes.now());
    if (report.outcome() == Outcome.ERROR) {
      zone.markError(report.message(), changes.now());
      markRecordsets(zone, "ERROR");
      log.warn("zone {} {} failed: {}", zone.getName(), report.action(), report.message());
    } else if (report.action() == ZoneAction.DELETE) {
      zones.delete(zone);
      log.info("zone {} deleted from every target", zone.getName());
    } else {
      zone.markActive(changes.now());
      markRecordsets(zone, "ACTIVE");
      log.info("zone {} ACTIVE at serial {}", zone.getName(), zone.getSerial());
    }
  }

  private static void logStale(
      ZoneStatusReport report, String name, ZoneAction action, long serial) {
    log.info(
        "stale status report for {} ({} at serial {}; zone is {} at serial {}): ignored",
        name,
        report.action(),
        report.zone().serial(),
        action,
        serial);
  }

  /** Recordsets changed at or before the reported serial (RFC 1982 order) take its outcome. */
  private static final String RECORDSETS_SQL =
      """
      update recordsets set status = ?, action = case when ? = 'ACTIVE' then 'NONE' else action end
      where zone_id = ? and status in ('PENDING', 'ERROR')
        and ((? - serial) % 4294967296 + 4294967296) % 4294967296 < 2147483648
      """;

  private void markRecordsets(Zone zone, String status) {
    jdbc.update(RECORDSETS_SQL, status, status, zone.getId(), zone.getSerial());
  }
}
