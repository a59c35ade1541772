package io.zonecast.runtime.amqp;

import io.zonecast.model.zone.ZoneRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Whether a zone a message is about is one of this installation's: its row is in this database's
 * {@code published.zones} (central's zones, as it publishes them). A pool's catalog zone (RFC
 * 9432), whose reference carries the pool's id as its own, has no row and is taken as known.
 */
public class KnownZones {

  private final DataSource dataSource;

  public KnownZones(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * @throws IllegalStateException when the database cannot say (the message is then retried)
   */
  public boolean knows(ZoneRef zone) {
    if (zone.id().equals(zone.poolId())) {
      return true;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "select exists (select 1 from published.zones where id = ?)")) {
      statement.setObject(1, zone.id());
      try (ResultSet row = statement.executeQuery()) {
        return row.next() && row.getBoolean(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot look zone " + zone.name() + " up: " + e, e);
    }
  }
}
