package io.zonecast.poolmanager.sync;

import io.zonecast.model.zone.ZoneRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The zones the pools should serve (central's {@code zones} table, read only) and where the sync
 * goes on from ({@code sync_positions}).
 */
@Repository
class SyncRepository {

  /**
   * A zone whose CREATE is still PENDING is being added by its propagation (or will be, by
   * central's recovery): the sync adding it too would only race it.
   */
  private static final String CREATE_IN_FLIGHT_EXCLUDED =
      "not (action = 'CREATE' and status = 'PENDING')";

  /**
   * A zone to serve, with its status at central, owner (for the log context of its NOTIFY) and when
   * it was created (and joined its pool's catalog).
   */
  record ZoneToServe(ZoneRef zone, String status, String projectId, Instant createdAt) {}

  private final JdbcTemplate jdbc;

  SyncRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Zones not being deleted nor created, by id, after {@code after} (null: from the first) and up
   * to {@code upTo} included (null: to the last).
   */
  List<ZoneToServe> after(UUID after, UUID upTo, int limit) {
    return jdbc.query(
        "select id, name, pool_id, serial, status, project_id, created_at from published.zones"
            + " where action <> 'DELETE' and "
            + CREATE_IN_FLIGHT_EXCLUDED
            + " and (?::uuid is null or id > ?::uuid) and (?::uuid is null or id <= ?::uuid)"
            + " order by id limit ?",
        SyncRepository::zoneToServe,
        after,
        after,
        upTo,
        upTo,
        limit);
  }

  /** A pool's zones not being deleted, by id after {@code after} (null: from the first). */
  List<ZoneToServe> inPool(UUID poolId, UUID after, int limit) {
    return jdbc.query(
        "select id, name, pool_id, serial, status, project_id, created_at from published.zones"
            + " where pool_id = ? and action <> 'DELETE' and (?::uuid is null or id > ?::uuid)"
            + " order by id limit ?",
        SyncRepository::zoneToServe,
        poolId,
        after,
        after,
        limit);
  }

  /** The id of the last zone the named sync checked; null: start from the first. */
  UUID position(String name) {
    List<UUID> found =
        jdbc.query(
            "select after_id from sync_positions where name = ?",
            (rs, i) -> rs.getObject("after_id", UUID.class),
            name);
    return found.isEmpty() ? null : found.getFirst();
  }

  void savePosition(String name, UUID after) {
    jdbc.update(
        "insert into sync_positions (name, after_id, updated_at) values (?, ?, now())"
            + " on conflict (name) do update set after_id = excluded.after_id,"
            + " updated_at = excluded.updated_at",
        name,
        after);
  }

  private static ZoneToServe zoneToServe(ResultSet rs, int row) throws SQLException {
    return new ZoneToServe(
        new ZoneRef(
            rs.getObject("id", UUID.class),
            rs.getString("name"),
            rs.getObject("pool_id", UUID.class),
            rs.getLong("serial")),
        rs.getString("status"),
        rs.getString("project_id"),
        rs.getTimestamp("created_at").toInstant());
  }

  /** True while the zone exists and is not being deleted (checked right before re-adding it). */
  boolean stillToServe(UUID zoneId) {
    Integer count =
        jdbc.queryForObject(
            "select count(*) from published.zones where id = ? and action <> 'DELETE'",
            Integer.class,
            zoneId);
    return count != null && count > 0;
  }

  /** The masters a complete re-pointing run gave every zone of the target; empty: none recorded. */
  Optional<String> followedMasters(String target) {
    return jdbc
        .query(
            "select masters from followed_masters where target = ?",
            (rs, i) -> rs.getString("masters"),
            target)
        .stream()
        .findFirst();
  }

  void saveFollowedMasters(String target, String masters) {
    jdbc.update(
        "insert into followed_masters (target, masters, updated_at) values (?, ?, now())"
            + " on conflict (target) do update set masters = excluded.masters,"
            + " updated_at = excluded.updated_at",
        target,
        masters);
  }
}
