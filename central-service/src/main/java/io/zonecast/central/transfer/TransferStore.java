package io.zonecast.central.transfer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The rows of zone_transfer_requests and zone_transfer_accepts. */
@Repository
class TransferStore {

  private static final String REQUEST_COLUMNS =
      "id, zone_id, zone_name, project_id, target_project_id, key, description, status, version,"
          + " created_at, updated_at";
  private static final String ACCEPT_COLUMNS =
      "id, zone_transfer_request_id, zone_id, project_id, key, status, version, created_at,"
          + " updated_at";

  private final JdbcTemplate jdbc;

  TransferStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(TransferRequest request) {
    jdbc.update(
        "insert into zone_transfer_requests ("
            + REQUEST_COLUMNS
            + ")"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        request.id(),
        request.zoneId(),
        request.zoneName(),
        request.projectId(),
        request.targetProjectId(),
        request.key(),
        request.description(),
        request.status(),
        request.version(),
        request.createdAt(),
        request.updatedAt());
  }

  Optional<TransferRequest> request(UUID id) {
    return jdbc
        .query(
            "select " + REQUEST_COLUMNS + " from zone_transfer_requests where id = ?",
            TransferStore::request,
            id)
        .stream()
        .findFirst();
  }

  /** The request, locked until the transaction ends (an accept and a delete do not interleave). */
  Optional<TransferRequest> lockRequest(UUID id) {
    return jdbc
        .query(
            "select " + REQUEST_COLUMNS + " from zone_transfer_requests where id = ? for update",
            TransferStore::request,
            id)
        .stream()
        .findFirst();
  }

  List<TransferRequest> requests(List<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.query(
        "select " + REQUEST_COLUMNS + " from zone_transfer_requests where id = any(?)",
        TransferStore::request,
        (Object) ids.toArray(UUID[]::new));
  }

  boolean activeRequestExists(UUID zoneId) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "select exists (select 1 from zone_transfer_requests"
                + " where zone_id = ? and status = 'ACTIVE')",
            Boolean.class,
            zoneId));
  }

  void updateDescription(UUID id, String description, LocalDateTime now) {
    jdbc.update(
        "update zone_transfer_requests set description = ?, version = version + 1, updated_at = ?"
            + " where id = ?",
        description,
        now,
        id);
  }

  void complete(UUID id, LocalDateTime now) {
    jdbc.update(
        "update zone_transfer_requests set status = 'COMPLETE', version = version + 1,"
            + " updated_at = ? where id = ?",
        now,
        id);
  }

  void deleteRequest(UUID id) {
    jdbc.update("delete from zone_transfer_requests where id = ?", id);
  }

  void insert(TransferAccept accept) {
    jdbc.update(
        "insert into zone_transfer_accepts ("
            + ACCEPT_COLUMNS
            + ")"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        accept.id(),
        accept.requestId(),
        accept.zoneId(),
        accept.projectId(),
        accept.key(),
        accept.status(),
        accept.version(),
        accept.createdAt(),
        accept.updatedAt());
  }

  Optional<TransferAccept> accept(UUID id) {
    return jdbc
        .query(
            "select " + ACCEPT_COLUMNS + " from zone_transfer_accepts where id = ?",
            TransferStore::accept,
            id)
        .stream()
        .findFirst();
  }

  List<TransferAccept> accepts(List<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.query(
        "select " + ACCEPT_COLUMNS + " from zone_transfer_accepts where id = any(?)",
        TransferStore::accept,
        (Object) ids.toArray(UUID[]::new));
  }

  private static TransferRequest request(ResultSet rs, int row) throws SQLException {
    return new TransferRequest(
        rs.getObject("id", UUID.class),
        rs.getObject("zone_id", UUID.class),
        rs.getString("zone_name"),
        rs.getString("project_id"),
        rs.getString("target_project_id"),
        rs.getString("key"),
        rs.getString("description"),
        rs.getString("status"),
        rs.getInt("version"),
        rs.getObject("created_at", LocalDateTime.class),
        rs.getObject("updated_at", LocalDateTime.class));
  }

  private static TransferAccept accept(ResultSet rs, int row) throws SQLException {
    return new TransferAccept(
        rs.getObject("id", UUID.class),
        rs.getObject("zone_transfer_request_id", UUID.class),
        rs.getObject("zone_id", UUID.class),
        rs.getString("project_id"),
        rs.getString("key"),
        rs.getString("status"),
        rs.getInt("version"),
        rs.getObject("created_at", LocalDateTime.class),
        rs.getObject("updated_at", LocalDateTime.class));
  }
}
