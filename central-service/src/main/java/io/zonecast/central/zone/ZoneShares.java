package io.zonecast.central.zone;

import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which projects a zone is shared with (Designate's shared zones, API v2.1), as the zone and
 * recordset checks need it: a project a zone is shared with sees the zone and may add recordsets.
 * The share API itself lives in the {@code share} package.
 */
@Component
public class ZoneShares {

  private final JdbcTemplate jdbc;

  ZoneShares(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public boolean isSharedWith(UUID zoneId, String projectId) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "select exists (select 1 from zone_shares where zone_id = ? and target_project_id = ?)",
            Boolean.class,
            zoneId,
            projectId));
  }

  boolean hasShares(UUID zoneId) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "select exists (select 1 from zone_shares where zone_id = ?)", Boolean.class, zoneId));
  }

  void deleteAll(UUID zoneId) {
    jdbc.update("delete from zone_shares where zone_id = ?", zoneId);
  }
}
