package io.zonecast.poolmanager;

import com.zaxxer.hikari.HikariDataSource;
import io.zonecast.testsupport.TestInfrastructure;

/**
 * Test databases with zonecast's schema, for tests that drive the pool manager's classes without a
 * Spring context. Kept apart from the test classes so that using it creates no other test's
 * database (a test class's static database is dropped only when that class runs).
 */
public final class MigratedDatabase {

  private static final TestInfrastructure infra = TestInfrastructure.get();

  private MigratedDatabase() {}

  /** Applies the schema ({@code db/zonecast}) to the database at {@code url}; returns the url. */
  public static String migrated(String url) {
    return infra.migrate(url);
  }

  /** The database at {@code url}, migrated, as a pool of connections. */
  public static HikariDataSource dataSource(String url) {
    migrated(url);
    HikariDataSource source = new HikariDataSource();
    source.setJdbcUrl(url);
    source.setUsername(infra.pgUser());
    source.setPassword(infra.pgPassword());
    return source;
  }
}
