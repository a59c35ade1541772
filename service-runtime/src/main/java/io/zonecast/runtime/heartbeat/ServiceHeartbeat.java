package io.zonecast.runtime.heartbeat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes a service instance's heartbeat row (table {@code service_statuses}, schema V10), which
 * central-service shows as {@code GET /v2/service_statuses}. Plain JDBC, so every service can use
 * it whatever data access it has.
 */
public final class ServiceHeartbeat {

  public enum Status {
    UP,
    WARNING
  }

  private final DataSource dataSource;
  private final UUID id;
  private final String serviceName;
  private final String hostname;

  /**
   * @param hostname what identifies the instance on its machine too, e.g. {@code host:httpPort}
   */
  public ServiceHeartbeat(DataSource dataSource, String serviceName, String hostname) {
    this.dataSource = dataSource;
    this.serviceName = serviceName;
    this.hostname = hostname;
    this.id =
        UUID.nameUUIDFromBytes((serviceName + "/" + hostname).getBytes(StandardCharsets.UTF_8));
  }

  /** This machine's host name, or {@code localhost} when it has none. */
  public static String localHostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  public UUID id() {
    return id;
  }

  /**
   * Writes the row now.
   *
   * @param statsJson a JSON object with the instance's figures
   * @param capabilitiesJson a JSON object of what the instance can do
   */
  public void beat(Status status, String statsJson, String capabilitiesJson) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "insert into service_statuses (id, service_name, hostname, status, stats,"
                    + " capabilities, heartbeated_at, created_at)"
                    + " values (?, ?, ?, ?, ?::jsonb, ?::jsonb, now(), now())"
                    + " on conflict (id) do update set status = excluded.status,"
                    + " stats = excluded.stats, capabilities = excluded.capabilities,"
                    + " heartbeated_at = now(), updated_at = now()")) {
      statement.setObject(1, id);
      statement.setString(2, serviceName);
      statement.setString(3, hostname);
      statement.setString(4, status.name());
      statement.setString(5, statsJson);
      statement.setString(6, capabilitiesJson);
      statement.executeUpdate();
    }
  }
}
