package io.zonecast.runtime.amqp;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Which installation of zonecast this process belongs to: every service of one installation shares
 * one database, and its id is that database's (table {@code installation}, schema V40), unless
 * {@code zonecast.installation.id} says otherwise. The id is in every message's {@value #HEADER}
 * header and in every exchange and queue name ({@link AmqpNames}).
 */
public record Installation(String id) {

  /** The header that carries the id of the installation that published a message. */
  public static final String HEADER = "x-zonecast-installation";

  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  public Installation {
    if (id == null || !VALID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "an installation id is 1 to 63 characters of a-z, 0-9, '-' and '_', starting with a"
              + " letter or digit, not '"
              + id
              + "'");
    }
  }

  /** The configured id when there is one, else the database's. */
  public static Installation resolve(String configured, DataSource dataSource) {
    if (configured != null && !configured.isBlank()) {
      return new Installation(configured.strip());
    }
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("select id from installation")) {
      if (!row.next()) {
        throw new IllegalStateException("the installation table has no row");
      }
      return new Installation(row.getString(1));
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read this installation's id from the database (central-service creates the"
              + " schema, so start it first, or set zonecast.installation.id): "
              + e.getMessage(),
          e);
    }
  }
}
