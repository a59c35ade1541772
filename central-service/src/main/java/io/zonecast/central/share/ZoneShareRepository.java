package io.zonecast.central.share;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class ZoneShareRepository {

  private final JdbcTemplate jdbc;

  ZoneShareRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts the share; false when the zone is already shared with that project. */
  boolean insert(ZoneShare share) {
    return jdbc.update(
            """
            insert into zone_shares (id, zone_id, project_id, target_project_id, created_at)
            values (?, ?, ?, ?, ?)
            on conflict (zone_id, target_project_id) do nothing
            """,
            share.id(),
            share.zoneId(),
            share.projectId(),
            share.targetProjectId(),
            share.createdAt())
        == 1;
  }

  Optional<ZoneShare> find(UUID zoneId, UUID id) {
    return jdbc
        .query(
            "select * from zone_shares where id = ? and zone_id = ?",
            ZoneShareRepository::row,
            id,
            zoneId)
        .stream()
        .findFirst();
  }

  List<ZoneShare> findAll(List<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.query(
        "select * from zone_shares where id = any (?)",
        ZoneShareRepository::row,
        (Object) ids.toArray(UUID[]::new));
  }

  void delete(UUID id) {
    jdbc.update("delete from zone_shares where id = ?", id);
  }

  /** How many recordsets of the zone belong to {@code project} (the sharee's, blocking unshare). */
  long recordsetsOf(UUID zoneId, String project) {
    return jdbc.queryForObject(
        "select count(*) from recordsets where zone_id = ? and project_id = ?",
        Long.class,
        zoneId,
        project);
  }

  private static ZoneShare row(ResultSet rs, int index) throws SQLException {
    return new ZoneShare(
        rs.getObject("id", UUID.class),
        rs.getObject("zone_id", UUID.class),
        rs.getString("project_id"),
        rs.getString("target_project_id"),
        rs.getObject("created_at", LocalDateTime.class),
        rs.getObject("updated_at", LocalDateTime.class));
  }
}
