package io.zonecast.central.zonefile;

import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.ListQuery;
import io.zonecast.central.system.SqlListing;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The {@code zone_tasks} table: imports and exports, each visible to its project only. */
@Component
class ZoneTasks {

  static final Set<String> FILTERS = Set.of("status", "message", "zone_id");
  static final List<String> SORT_KEYS = List.of("created_at", "id", "updated_at");
  private static final Map<String, String> SORT_COLUMNS =
      Map.of(
          "created_at", "t.created_at",
          "id", "t.id",
          "updated_at", "coalesce(t.updated_at, timestamp '1970-01-01')");

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;
  private final Clock clock;

  ZoneTasks(JdbcTemplate jdbc, NamedParameterJdbcTemplate named, Clock clock) {
    this.jdbc = jdbc;
    this.named = named;
    this.clock = clock;
  }

  @Transactional
  ZoneTask create(Caller caller, ZoneTask.Type type, UUID zoneId) {
    UUID id = UUID.randomUUID();
    jdbc.update(
        """
        insert into zone_tasks (id, project_id, task_type, status, zone_id, version, created_at)
        values (?, ?, ?, 'PENDING', ?, 1, ?)
        """,
        id,
        caller.projectId(),
        type.name(),
        zoneId,
        Timestamp.valueOf(LocalDateTime.now(clock)));
    return find(id).orElseThrow();
  }

  /** A progress message of a task still PENDING, committed at once so it can be read meanwhile. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  void progress(UUID id, String message) {
    jdbc.update(
        """
        update zone_tasks set message = ?, version = version + 1, updated_at = ?
        where id = ? and status = 'PENDING'
        """,
        message,
        Timestamp.valueOf(LocalDateTime.now(clock)),
        id);
  }

  /** The task's outcome; a task deleted meanwhile stays deleted. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  void finish(UUID id, ZoneTask.Status status, String message, UUID zoneId, String location) {
    jdbc.update(
        """
        update zone_tasks set status = ?, message = ?, zone_id = coalesce(?, zone_id),
          location = ?, version = version + 1, updated_at = ?
        where id = ?
        """,
        status.name(),
        message,
        zoneId,
        location,
        Timestamp.valueOf(LocalDateTime.now(clock)),
        id);
  }

  @Transactional(readOnly = true)
  ZoneTask get(Caller caller, ZoneTask.Type type, UUID id) {
    return find(id)
        .filter(t -> t.type() == type && caller.canSee(t.projectId()))
        .orElseThrow(() -> notFound(type, id));
  }

  @Transactional
  void delete(Caller caller, ZoneTask.Type type, UUID id) {
    get(caller, type, id);
    jdbc.update("delete from zone_tasks where id = ?", id);
  }

  record Page(List<ZoneTask> tasks, long total) {}

  @Transactional(readOnly = true)
  Page list(Caller caller, ZoneTask.Type type, ListQuery query) {
    SqlListing listing =
        new SqlListing("zone_tasks t", "t.id").scope("t.task_type = :type", "type", type.name());
    if (!caller.allProjects()) {
      listing.scope("t.project_id = :project", "project", caller.projectId());
    }
    SqlListing.Page page =
        listing
            .text("t.status", query.filter("status"), v -> v.toUpperCase(Locale.ROOT), false)
            .text("t.message", query.filter("message"), UnaryOperator.identity(), true)
            .text(
                "cast(t.zone_id as text)", query.filter("zone_id"), UnaryOperator.identity(), true)
            .page(named, query, SORT_COLUMNS);
    return new Page(page.load(this::findAll, ZoneTask::id), page.total());
  }

  private java.util.Optional<ZoneTask> find(UUID id) {
    return findAll(List.of(id)).stream().findFirst();
  }

  private List<ZoneTask> findAll(List<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.query(
        "select * from zone_tasks where id = any(?)",
        ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", ids.toArray())),
        (rs, row) -> task(rs));
  }

  private static ZoneTask task(ResultSet rs) throws SQLException {
    Timestamp updated = rs.getTimestamp("updated_at");
    return new ZoneTask(
        rs.getObject("id", UUID.class),
        rs.getString("project_id"),
        ZoneTask.Type.valueOf(rs.getString("task_type")),
        ZoneTask.Status.valueOf(rs.getString("status")),
        rs.getString("message"),
        rs.getObject("zone_id", UUID.class),
        rs.getString("location"),
        rs.getInt("version"),
        rs.getTimestamp("created_at").toLocalDateTime(),
        updated == null ? null : updated.toLocalDateTime());
  }

  private static ApiException notFound(ZoneTask.Type type, UUID id) {
    return type == ZoneTask.Type.IMPORT
        ? ApiException.notFound("zone_import_not_found", "Could not find ZoneImport " + id)
        : ApiException.notFound("zone_export_not_found", "Could not find ZoneExport " + id);
  }
}
