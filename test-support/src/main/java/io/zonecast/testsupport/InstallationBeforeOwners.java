package io.zonecast.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A database as an installation of the code before tables had owners left it: every migration up to
 * V60 applied in one run and one history (they all lived in common-model and central ran them),
 * with one zone in it, named {@link #ZONE} in project {@code upgrade}, as central wrote zones then.
 * For the tests that start today's services on such a database.
 */
public final class InstallationBeforeOwners {

  /** The last version before tables had owners. */
  public static final String LAST_VERSION = "60";

  public static final String ZONE = "before-the-upgrade.example.org.";

  /**
   * The versions central-service applies on such an installation when it starts, in order: its
   * migrations after {@link #LAST_VERSION}. A new migration of central's goes here.
   */
  public static final List<String> CENTRAL_SINCE =
      List.of("61", "62", "63", "64", "65", "66", "70", "73", "74", "75", "76", "77");

  /**
   * The versions the pool manager applies on such an installation when it starts, in order: its
   * migrations after {@link #LAST_VERSION}. A new migration of the pool manager's goes here.
   */
  public static final List<String> POOL_MANAGER_SINCE = List.of("71", "72");

  /** One row of {@code flyway_schema_history}. */
  public record Migration(String version, String script, Integer checksum, boolean success) {}

  private final TestInfrastructure infra;
  private final String jdbcUrl;
  private final List<Migration> history;

  private InstallationBeforeOwners(TestInfrastructure infra, String jdbcUrl) {
    this.infra = infra;
    this.jdbcUrl = jdbcUrl;
    this.history = historyNow();
  }

  /** Migrates {@code jdbcUrl} (an empty database) as that code did and adds the zone in pool. */
  public static InstallationBeforeOwners at(TestInfrastructure infra, String jdbcUrl, UUID pool) {
    infra.migrateAsBeforeOwners(jdbcUrl, LAST_VERSION);
    try (Connection c = DriverManager.getConnection(jdbcUrl, infra.pgUser(), infra.pgPassword());
        PreparedStatement insert =
            c.prepareStatement(
                "insert into zones (id, project_id, pool_id, name, email, ttl, serial, status,"
                    + " action, created_at) values (?, 'upgrade', ?, ?, 'h@example.org', 3600, 7,"
                    + " 'ACTIVE', 'NONE', now())")) {
      insert.setObject(1, UUID.randomUUID());
      insert.setObject(2, pool);
      insert.setString(3, ZONE);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot add a zone to " + jdbcUrl, e);
    }
    return new InstallationBeforeOwners(infra, jdbcUrl);
  }

  /** The history as that code left it. */
  public List<Migration> historyBefore() {
    return history;
  }

  /** The versioned rows of the history now, in the order they were applied. */
  public List<Migration> historyNow() {
    List<Migration> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl, infra.pgUser(), infra.pgPassword());
        PreparedStatement query =
            c.prepareStatement(
                "select version, script, checksum, success from flyway_schema_history"
                    + " where version is not null order by installed_rank");
        ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        rows.add(
            new Migration(
                rs.getString("version"),
                rs.getString("script"),
                (Integer) rs.getObject("checksum"),
                rs.getBoolean("success")));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the Flyway history of " + jdbcUrl, e);
    }
    return rows;
  }

  /** What was applied since {@code earlier} (a list of {@link #historyNow()} taken before). */
  public List<Migration> appliedSince(List<Migration> earlier) {
    List<Migration> now = historyNow();
    if (!now.subList(0, Math.min(earlier.size(), now.size())).equals(earlier)) {
      throw new AssertionError("the history before changed: " + earlier + " became " + now);
    }
    return now.subList(earlier.size(), now.size());
  }
}
