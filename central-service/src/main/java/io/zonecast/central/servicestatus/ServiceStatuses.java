package io.zonecast.central.servicestatus;

import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.ApiTime;
import io.zonecast.runtime.heartbeat.HeartbeatProperties;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The heartbeat rows every service instance writes (table {@code service_statuses}, schema V10). An
 * instance whose last heartbeat is older than three heartbeat intervals is DOWN, whatever it said.
 */
@Component
class ServiceStatuses {

  /** One instance as the API shows it; stats and capabilities are JSON objects as stored. */
  record ServiceStatus(
      UUID id,
      String hostname,
      String serviceName,
      String status,
      String statsJson,
      String capabilitiesJson,
      String heartbeatedAt,
      String createdAt,
      String updatedAt) {}

  private static final String COLUMNS =
      "id, hostname, service_name, status, stats::text as stats,"
          + " capabilities::text as capabilities, heartbeated_at, created_at, updated_at";

  private final JdbcTemplate jdbc;
  private final Duration downAfter;
  private final Clock clock;

  ServiceStatuses(JdbcTemplate jdbc, HeartbeatProperties heartbeat, Clock clock) {
    this.jdbc = jdbc;
    this.downAfter = heartbeat.interval().multipliedBy(3);
    this.clock = clock;
  }

  List<ServiceStatus> all() {
    return jdbc.query(
        "select " + COLUMNS + " from service_statuses order by service_name, hostname",
        (rs, i) -> row(rs));
  }

  ServiceStatus get(UUID id) {
    return jdbc
        .query("select " + COLUMNS + " from service_statuses where id = ?", (rs, i) -> row(rs), id)
        .stream()
        .findFirst()
        .orElseThrow(() ->
            ApiException.notFound("service_status_not_found", "Could not find Service Status"));
  }

  private ServiceStatus row(ResultSet rs) throws SQLException {
    Instant heartbeat = rs.getObject("heartbeated_at", OffsetDateTime.class).toInstant();
    String status =
        heartbeat.isBefore(clock.instant().minus(downAfter)) ? "DOWN" : rs.getString("status");
    return new ServiceStatus(
        rs.getObject("id", UUID.class),
        rs.getString("hostname"),
        rs.getString("service_name"),
        status,
        rs.getString("stats"),
        rs.getString("capabilities"),
        time(rs, "heartbeated_at"),
        time(rs, "created_at"),
        time(rs, "updated_at"));
  }

  private static String time(ResultSet rs, String column) throws SQLException {
    OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
    return time == null
        ? null
        : ApiTime.format(LocalDateTime.ofInstant(time.toInstant(), ZoneOffset.UTC));
  }
}
