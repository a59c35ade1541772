package io.zonecast.central.propagation;

import io.zonecast.central.system.ApiTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the propagation state the pool manager keeps (tables {@code zone_propagations} and {@code
 * nameserver_propagations}, schema V4); central never writes it.
 */
@Component
class PropagationState {

  /** The zone's propagation as the pool manager last saved it. */
  record ZoneRow(
      long targetSerial,
      String action,
      String state,
      String startedAt,
      String roundStartedAt,
      String updatedAt) {}

  /** One nameserver's line: the poll in flight and what the newest answer said. */
  record NameserverRow(
      String nameserver,
      Long polledSerial,
      Long lastSerial,
      String lastOutcome,
      String updatedAt) {}

  private final JdbcTemplate jdbc;

  PropagationState(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Optional<ZoneRow> zone(UUID zoneId) {
    return jdbc
        .query(
            "select target_serial, action, state, started_at, round_started_at, updated_at"
                + " from published.zone_propagations where zone_id = ?",
            (rs, i) ->
                new ZoneRow(
                    rs.getLong("target_serial"),
                    rs.getString("action"),
                    rs.getString("state"),
                    time(rs, "started_at"),
                    time(rs, "round_started_at"),
                    time(rs, "updated_at")),
            zoneId)
        .stream()
        .findFirst();
  }

  /** The nameservers with state, by address. */
  Map<String, NameserverRow> nameservers(UUID zoneId) {
    List<NameserverRow> rows =
        jdbc.query(
            "select nameserver, polled_serial, last_serial, last_outcome, updated_at"
                + " from published.nameserver_propagations where zone_id = ? order by nameserver",
            (rs, i) ->
                new NameserverRow(
                    rs.getString("nameserver"),
                    nullableLong(rs, "polled_serial"),
                    nullableLong(rs, "last_serial"),
                    rs.getString("last_outcome"),
                    time(rs, "updated_at")),
            zoneId);
    Map<String, NameserverRow> byAddress = new LinkedHashMap<>();
    rows.forEach(row -> byAddress.put(row.nameserver(), row));
    return byAddress;
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static String time(ResultSet rs, String column) throws SQLException {
    OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
    return time == null
        ? null
        : ApiTime.format(LocalDateTime.ofInstant(time.toInstant(), ZoneOffset.UTC));
  }
}
