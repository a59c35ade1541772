package io.zonecast.poolmanager.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Runs periodic work on one pool-manager instance at a time, under a PostgreSQL session advisory
 * lock held on a connection of its own for the whole run. An instance that dies loses its
 * connection and so its lock at once: no lease to expire, no lock table, no clock to trust.
 */
@Component
public class ExclusiveRuns {

  /** Advisory lock keys; the high bits spell "zonecast" so they do not meet other users' keys. */
  public static final long RECOVERY = 0x7a6f6e6563610001L;

  public static final long SYNC = 0x7a6f6e6563610002L;

  /** Re-pointing targets' zones at their masters' current addresses. */
  public static final long MASTERS = 0x7a6f6e6563610047L;

  private final DataSource dataSource;

  public ExclusiveRuns(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Runs the work unless another instance is running work of the same key; true when it ran. */
  public boolean runAlone(long key, Runnable work) {
    try (Connection connection = dataSource.getConnection()) {
      if (!call(connection, "select pg_try_advisory_lock(?)", key)) {
        return false;
      }
      try {
        work.run();
        return true;
      } finally {
        call(connection, "select pg_advisory_unlock(?)", key);
      }
    } catch (SQLException e) {
      throw new DataAccessResourceFailureException("advisory lock " + key + ": " + e, e);
    }
  }

  private static boolean call(Connection connection, String sql, long key) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, key);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }
}
