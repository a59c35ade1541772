package io.zonecast.testsupport.schema;

import io.zonecast.testsupport.InstallationBeforeOwners;
import io.zonecast.testsupport.Schema;
import io.zonecast.testsupport.schema.SqlReferences.Reference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every table has one owning module (docs/architecture.md, "Tables and their owners"): a module's
 * SQL uses its own tables, the shared runtime's, and the views others publish (read only); its
 * migrations create only its own tables and views. Anything else must be a crossing the document
 * lists. Each module's test calls {@link #violations(String)} and expects none.
 */
public final class SchemaBoundaries {

  private static final Pattern CREATES =
      Pattern.compile(
          "\\bcreate\\s+(?:table|(?:or\\s+replace\\s+)?view)\\s+(?:if\\s+not\\s+exists\\s+)?"
              + "((?:published\\.)?[a-z_][a-z0-9_]*)");

  private SchemaBoundaries() {}

  /** What {@code module}'s main code and migrations break of the ownership rules, one per line. */
  public static List<String> violations(String module) {
    return violations(module, TableOwners.fromArchitectureDoc());
  }

  static List<String> violations(String module, TableOwners owners) {
    Path root = Schema.repositoryRoot().resolve(module);
    List<String> violations = new ArrayList<>();
    for (Path source : files(root.resolve("src/main/java"), ".java")) {
      String where = source.getFileName().toString().replace(".java", "");
      for (Reference reference : SqlReferences.in(read(source))) {
        String problem = problem(module, reference, owners);
        if (problem != null && !owners.crossingAllows(module, where, reference.name())) {
          violations.add(root.relativize(source) + ": " + problem);
        }
      }
    }
    for (TableOwners.Crossing crossing : owners.crossings()) {
      if (crossing.module().equals(module) && !TableOwners.mayCross(crossing)) {
        violations.add(
            crossing.where()
                + ": a migration after V"
                + InstallationBeforeOwners.LAST_VERSION
                + " may not cross (only one applied before tables had owners may)");
      }
    }
    if (Schema.MIGRATIONS.containsKey(module)) {
      for (Path migration : files(Schema.migrationsOf(module), ".sql")) {
        Matcher creates = CREATES.matcher(read(migration).toLowerCase(Locale.ROOT));
        while (creates.find()) {
          String name = creates.group(1);
          String owner = owners.owners().get(name);
          String file = migration.getFileName().toString();
          if (owner == null) {
            violations.add(file + ": creates " + name + ", which has no owner in the document");
          } else if (!owner.equals(module) && !owners.crossingAllows(module, file, name)) {
            violations.add(file + ": creates " + name + ", owned by " + owner);
          }
        }
      }
    }
    return violations;
  }

  private static String problem(String module, Reference reference, TableOwners owners) {
    String owner = owners.owners().get(reference.name());
    if (owner == null && reference.name().startsWith("published.")) {
      return "uses " + reference.name() + ", which no owner publishes in the document";
    }
    if (owner == null || owner.equals(module) || owner.equals(TableOwners.SHARED)) {
      return null; // not a table of ours (a CTE, a temporary table, a word), or allowed
    }
    if (reference.name().startsWith("published.")) {
      return reference.writes()
          ? "writes " + reference.name() + ", a view " + owner + " publishes to be read"
          : null;
    }
    return (reference.writes() ? "writes " : "reads ")
        + reference.name()
        + ", a table of "
        + owner
        + " (read a view it publishes instead)";
  }

  private static List<Path> files(Path dir, String suffix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
