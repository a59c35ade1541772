package io.zonecast.central.zone;

import io.zonecast.model.central.ZoneStatusReport;
import io.zonecast.model.central.ZoneStatusReport.Outcome;
import io.zonecast.model.zone.ZoneAction;
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

  @Transactional
  public void apply(ZoneStatusReport received) {
    Zone zone = zones.lockById(received.zone().id()).orElse(null);
    if (zone == null) {
      log.info("status report for zone {} which no longer exists: ignored", received.zone().name());
      return;
    }
    ZoneStatusReport report = poolMoves.apply(zone, received).orElse(null);
    if (report == null) {
      return;
    }
    if (zone.getSerial() != report.zone().serial() || zone.getAction() != report.action()) {
      log.info(
          "stale status report for {} ({} at serial {}; zone is {} at serial {}): ignored",
          zone.getName(),
          report.action(),
          report.zone().serial(),
          zone.getAction(),
          zone.getSerial());
      return;
    }
    timer.finished(
        zone,
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

  /** Recordsets changed at or before the reported serial (RFC 1982 order) take its outcome. */
  private void markRecordsets(Zone zone, String status) {
    jdbc.update(
        """
        update recordsets set status = ?, action = case when ? = 'ACTIVE' then 'NONE' else action end
        where zone_id = ? and status in ('PENDING', 'ERROR')
          and ((? - serial) % 4294967296 + 4294967296) % 4294967296 < 2147483648
        """,
        status, status, zone.getId(), zone.getSerial());
  }
}
