package io.zonecast.testsupport;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.yaml.snakeyaml.Yaml;

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
   * Flyway configured as {@code module} configures it ({@code spring.flyway} of its {@code
   * application.yaml}: locations, out-of-order, ignored migration patterns), its {@code classpath:}
   * locations turned into the owners' directories of the source tree.
   */
  @SuppressWarnings("unchecked")
  public static FluentConfiguration flywayOf(String module) {
    Path yaml = repositoryRoot().resolve(module).resolve("src/main/resources/application.yaml");
    Map<String, Object> flyway;
    try (Reader reader = Files.newBufferedReader(yaml)) {
      Map<String, Object> root = new Yaml().load(reader);
      Map<String, Object> spring = (Map<String, Object>) root.get("spring");
      flyway = (Map<String, Object>) spring.get("flyway");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (flyway == null) {
      throw new IllegalArgumentException(module + " configures no Flyway in " + yaml);
    }
    String[] locations =
        List.of(((String) flyway.get("locations")).split(",")).stream()
            .map(String::strip)
            .map(location -> location.replace("classpath:", ""))
            .map(Schema::ownerDirectory)
            .toArray(String[]::new);
    return Flyway.configure()
        .locations(locations)
        .outOfOrder(Boolean.TRUE.equals(flyway.get("out-of-order")))
        .ignoreMigrationPatterns(
            ((String) flyway.getOrDefault("ignore-migration-patterns", "*:future")).split(","));
  }

  private static String ownerDirectory(String location) {
    return MIGRATIONS.entrySet().stream()
        .filter(e -> e.getValue().equals(location))
        .map(e -> "filesystem:" + migrationsOf(e.getKey()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no owner migrates " + location));
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
