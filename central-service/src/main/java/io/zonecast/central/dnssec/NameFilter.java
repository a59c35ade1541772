package io.zonecast.central.dnssec;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.Name;

/**
 * Which owner names a slice reads: a list (a change's names, few) or a range in the database's own
 * order of names, {@code after < name <= last} (null: open). A whole zone is read by ranges: a
 * range is read by the index on (zone_id, name) whatever the planner believes of the zone's size,
 * where a long list of names is not (statistics of a table filled in the same transaction, or of a
 * zone imported a moment ago, make it scan the zone's every row for each slice).
 */
record NameFilter(List<String> names, String after, String last) {

  static NameFilter of(Collection<Name> names) {
    return new NameFilter(
        names.stream().map(n -> n.toString().toLowerCase(Locale.ROOT)).toList(), null, null);
  }

  static NameFilter range(String after, String last) {
    return new NameFilter(null, after, last);
  }

  /** The condition on {@code column}, its parameters put in {@code parameters}. */
  String sql(String column, Map<String, Object> parameters) {
    if (names != null) {
      parameters.put("names", names.isEmpty() ? List.of("") : names);
      return " and " + column + " in (:names)";
    }
    StringBuilder sql = new StringBuilder();
    if (after != null) {
      sql.append(" and ").append(column).append(" > :after");
      parameters.put("after", after);
    }
    if (last != null) {
      sql.append(" and ").append(column).append(" <= :last");
      parameters.put("last", last);
    }
    return sql.toString();
  }
}
