package io.zonecast.poolmanager.sync;

import io.zonecast.model.zone.ZoneRef;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The zones the pools should serve: central's {@code zones} table, read only. */
@Repository
class SyncRepository {

  /** A zone to serve, with its status at central and owner (for the log context of its NOTIFY). */
  record ZoneToServe(ZoneRef zone, String status, String projectId) {}

  private final JdbcTemplate jdbc;

  SyncRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Zones not being deleted, by id after {@code after} (null: from the first). */
  List<ZoneToServe> after(UUID after, int limit) {
    return jdbc.query(
        "select id, name, pool_id, serial, status, project_id from zones"
            + " where action <> 'DELETE' and (?::uuid is null or id > ?::uuid)"
            + " order by id limit ?",
        (rs, i) ->
            new ZoneToServe(
                new ZoneRef(
                    rs.getObject("id", UUID.class),
                    rs.getString("name"),
                    rs.getObject("pool_id", UUID.class),
                    rs.getLong("serial")),
                rs.getString("status"),
                rs.getString("project_id")),
        after,
        after,
        limit);
  }

  /** True while the zone exists and is not being deleted (checked right before re-adding it). */
  boolean stillToServe(UUID zoneId) {
    Integer count =
        jdbc.queryForObject(
            "select count(*) from zones where id = ? and action <> 'DELETE'",
            Integer.class,
            zoneId);
    return count != null && count > 0;
  }
}
