package io.zonecast.poolmanager.recovery;

import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Zones central has in ERROR (view {@code published.zones}) and the pool manager's backoff
 * bookkeeping for them (table {@code zone_redrives}, schema V10).
 */
@Repository
class RedriveRepository {

  /** A zone in ERROR with the change that failed and how often its serial was re-driven. */
  record ErrorZone(ZoneRef zone, ZoneAction action, String projectId, int attempts) {}

  private final JdbcTemplate jdbc;

  RedriveRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Starts the backoff of zones that went ERROR since the last run (or failed again at a newer
   * serial): their first re-drive is due after {@code firstWait}.
   */
  int scheduleNewErrors(Duration firstWait) {
    return jdbc.update(SCHEDULE_NEW_ERRORS, interval(firstWait));
  }

  /**
   * Run every {@code recovery.interval}: the zones in ERROR are read from the partial index {@code
   * zones_error_idx} (V62), not by a scan of every zone.
   */
  private static final String SCHEDULE_NEW_ERRORS =
      "insert into zone_redrives (zone_id, serial, attempts, next_at, updated_at)"
          + " select id, serial, 0, now() + ?::interval, now() from published.zones"
          + " where status = 'ERROR' and action <> 'NONE'"
          + " on conflict (zone_id) do update set serial = excluded.serial, attempts = 0,"
          + " next_at = excluded.next_at, updated_at = now()"
          + " where zone_redrives.serial <> excluded.serial";

  /**
   * Zones still in ERROR whose next re-drive is due, the longest due first; not those whose last
   * re-drive is still propagating (its polls would be cast again for nothing).
   */
  List<ErrorZone> due(int limit) {
    return jdbc.query(
        "select z.id, z.name, z.pool_id, z.serial, z.action, z.project_id, r.attempts"
            + " from zone_redrives r join published.zones z on z.id = r.zone_id and z.serial = r.serial"
            + " where z.status = 'ERROR' and z.action <> 'NONE' and r.next_at <= now()"
            + " and not exists (select 1 from zone_propagations p where p.zone_id = z.id"
            + " and p.state = 'PROPAGATING')"
            + " order by r.next_at limit ?",
        (rs, i) ->
            new ErrorZone(
                new ZoneRef(
                    rs.getObject("id", UUID.class),
                    rs.getString("name"),
                    rs.getObject("pool_id", UUID.class),
                    rs.getLong("serial")),
                ZoneAction.valueOf(rs.getString("action")),
                rs.getString("project_id"),
                rs.getInt("attempts")),
        limit);
  }

  /** Counts a re-drive and sets when the next one is due. */
  void redriven(UUID zoneId, int attempts, Duration nextWait) {
    jdbc.update(
        "update zone_redrives set attempts = ?, next_at = now() + ?::interval, updated_at = now()"
            + " where zone_id = ?",
        attempts,
        interval(nextWait),
        zoneId);
  }

  /** Forgets zones no longer in ERROR (recovered, changed again, or deleted). */
  int forgetRecovered() {
    return jdbc.update(
        "delete from zone_redrives r where not exists (select 1 from published.zones z"
            + " where z.id = r.zone_id and z.status = 'ERROR')");
  }

  private static String interval(Duration duration) {
    return duration.toMillis() + " milliseconds";
  }
}
