package io.zonecast.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the migrations of zonecast's one database live: each owner module keeps those of its own
 * tables (docs/architecture.md, "Tables and their owners"), all versions of one Flyway history. A
 * test that needs the whole schema (a service reads another's published views) migrates them all
 * from the source tree, since no module has the others' files on its classpath.
 */
public final class Schema {

  /**
   * Each module that owns tables, and its migrations' location under {@code src/main/resources}.
   */
  public static final Map<String, String> MIGRATIONS = migrations();

  private Schema() {}

  private static Map<String, String> migrations() {
    Map<String, String> migrations = new LinkedHashMap<>();
    migrations.put("central-service", "db/zonecast/central");
    migrations.put("pool-manager", "db/zonecast/pool-manager");
    migrations.put("service-runtime", "db/zonecast/runtime");
    return Map.copyOf(migrations);
  }

  /** The directory of {@code module}'s migrations in the source tree. */
  public static Path migrationsOf(String module) {
    String location = MIGRATIONS.get(module);
    if (location == null) {
      throw new IllegalArgumentException(
          module + " owns no tables; owners: " + MIGRATIONS.keySet());
    }
    return repositoryRoot().resolve(module).resolve("src/main/resources").resolve(location);
  }

  /** Every owner's migrations as Flyway {@code filesystem:} locations. */
  public static String[] allLocations() {
    return MIGRATIONS.keySet().stream()
        .sorted()
        .map(module -> "filesystem:" + migrationsOf(module))
        .toArray(String[]::new);
  }

  /**
   * The checkout's root: the nearest directory up from here holding {@code docs/architecture.md}.
   */
  public static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docs/architecture.md"))
          && Files.isDirectory(dir.resolve("central-service"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "no zonecast checkout above " + Path.of("").toAbsolutePath() + " (docs/architecture.md)");
  }
}
