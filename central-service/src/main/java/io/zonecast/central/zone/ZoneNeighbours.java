package io.zonecast.central.zone;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What a new zone's name meets among the existing zones of every pool, in one statement: the same
 * name, a zone of another project above it (an ancestor), or one below it (a subzone). The subzones
 * are found as a range of reversed names (index zones_reverse_name_idx, V60), so the check does not
 * read every zone.
 */
@Component
class ZoneNeighbours {

  record Around(boolean nameTaken, boolean otherProjectAbove, boolean otherProjectBelow) {}

  private final NamedParameterJdbcTemplate jdbc;

  ZoneNeighbours(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Around around(String project, String name) {
    String below = new StringBuilder("." + name).reverse().toString();
    return jdbc.queryForObject(
        """
        select exists (select 1 from zones where name = :name),
               exists (select 1 from zones where name = any(:ancestors) and project_id <> :project),
               exists (select 1 from zones
                       where reverse(name) ~>=~ :low and reverse(name) ~<~ :high
                         and project_id <> :project)
        """,
        Map.of(
            "name", name,
            "ancestors", ancestors(name).toArray(String[]::new),
            "project", project,
            "low", below,
            "high", upperBound(below)),
        (row, n) -> new Around(row.getBoolean(1), row.getBoolean(2), row.getBoolean(3)));
  }

  /** The names above {@code name}: for a.b.c., b.c. and c. */
  static List<String> ancestors(String name) {
    List<String> ancestors = new ArrayList<>();
    for (int dot = name.indexOf('.');
        dot >= 0 && dot < name.length() - 1;
        dot = name.indexOf('.', dot + 1)) {
      ancestors.add(name.substring(dot + 1));
    }
    return ancestors;
  }

  /** The smallest string after every string starting with {@code prefix}. */
  private static String upperBound(String prefix) {
    char last = prefix.charAt(prefix.length() - 1);
    return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
  }
}
