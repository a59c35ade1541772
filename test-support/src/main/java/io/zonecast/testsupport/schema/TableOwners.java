package io.zonecast.testsupport.schema;

import io.zonecast.testsupport.InstallationBeforeOwners;
import io.zonecast.testsupport.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who owns each table and view of the database, and the crossings not removed yet, read from the
 * two tables of docs/architecture.md's section "Tables and their owners": the document the tests
 * enforce, so it cannot drift from what they check.
 *
 * @param owners table or view ({@code published.zones}) to the module that owns it
 * @param crossings known exceptions: a module's class (or migration file) touching another's table
 */
public record TableOwners(Map<String, String> owners, List<Crossing> crossings) {

  /** The module whose tables every service may use: it is the runtime they all embed. */
  public static final String SHARED = "service-runtime";

  static final String SECTION = "## Tables and their owners";

  /** One allowed crossing: {@code where} (a class's simple name or a migration file) may use it. */
  public record Crossing(String module, String where, Set<String> tables, String why) {}

  private static final Pattern NAME = Pattern.compile("`([A-Za-z0-9_.-]+)`");

  /** The tables of docs/architecture.md in this checkout. */
  public static TableOwners fromArchitectureDoc() {
    Path doc = Schema.repositoryRoot().resolve("docs/architecture.md");
    try {
      return parse(Files.readAllLines(doc));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TableOwners parse(List<String> lines) {
    Map<String, String> owners = new LinkedHashMap<>();
    List<Crossing> crossings = new ArrayList<>();
    boolean inSection = false;
    for (String line : lines) {
      if (line.startsWith("## ")) {
        inSection = line.equals(SECTION);
        continue;
      }
      if (!inSection || !line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.split("\\|");
      // | `table` | owner | what ... |    or    | `module` | `Class` | `t1`, `t2` | why |
      String first = names(cells[1]).getFirst();
      if (Schema.MIGRATIONS.containsKey(first) || first.equals("minidns")) {
        crossings.add(
            new Crossing(first, names(cells[2]).getFirst(), Set.copyOf(names(cells[3])), cells[4]));
      } else {
        String owner = cells[2].strip();
        if (!Schema.MIGRATIONS.containsKey(owner)) {
          throw new IllegalStateException("owner of " + first + " owns no migrations: " + owner);
        }
        if (owners.put(first, owner) != null) {
          throw new IllegalStateException(first + " has two rows in " + SECTION);
        }
      }
    }
    if (owners.isEmpty()) {
      throw new IllegalStateException("no table owners under '" + SECTION + "'");
    }
    return new TableOwners(Map.copyOf(owners), List.copyOf(crossings));
  }

  private static List<String> names(String cell) {
    List<String> names = new ArrayList<>();
    Matcher m = NAME.matcher(cell);
    while (m.find()) {
      names.add(m.group(1));
    }
    if (names.isEmpty()) {
      throw new IllegalStateException("no `name` in the cell '" + cell + "' of " + SECTION);
    }
    return names;
  }

  /**
   * Whether a crossing may stand: a class's always may (until it is removed), a migration's only
   * when it is one of the history before tables had owners, which can no longer be split (runtime's
   * V10 creating the pool manager's {@code zone_redrives}); a newer migration creates only its
   * owner's tables.
   */
  static boolean mayCross(Crossing crossing) {
    Matcher version = MIGRATION_VERSION.matcher(crossing.where());
    return !version.matches()
        || Integer.parseInt(version.group(1))
            <= Integer.parseInt(InstallationBeforeOwners.LAST_VERSION);
  }

  private static final Pattern MIGRATION_VERSION = Pattern.compile("V(\\d+)__.*\\.sql");

  boolean crossingAllows(String module, String where, String table) {
    return crossings.stream()
        .anyMatch(c ->
            c.module().equals(module) && c.where().equals(where) && c.tables().contains(table));
  }
}
