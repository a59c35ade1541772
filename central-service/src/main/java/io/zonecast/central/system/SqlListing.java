package io.zonecast.central.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * One list of the v2 API done in PostgreSQL: the caller's scope, Designate's filters (exact, or
 * {@code LIKE} where the value has the {@code *} wildcard), ordering by the sort key then the id,
 * keyset paging after the marker row, and the total count of the filtered list.
 *
 * <p>Column expressions are fixed by the calling feature, never taken from the request; request
 * values only ever reach SQL as bind parameters.
 */
public final class SqlListing {

  /**
   * A page of the list.
   *
   * @param ids the page's item ids, in order
   * @param total how many items the filters select, all pages together
   */
  public record Page(List<UUID> ids, long total) {

    /** The page's items, loaded by id with {@code loader}, in the page's order. */
    public <T> List<T> load(Function<List<UUID>, List<T>> loader, Function<T, UUID> idOf) {
      Map<UUID, T> byId =
          loader.apply(ids).stream().collect(Collectors.toMap(idOf, Function.identity()));
      return ids.stream().map(byId::get).toList();
    }
  }

  private final String from;
  private final String idColumn;
  private final List<String> scope = new ArrayList<>();
  private final List<String> filters = new ArrayList<>();
  private final MapSqlParameterSource parameters = new MapSqlParameterSource();

  /**
   * @param from the FROM clause, e.g. {@code recordsets r join zones z on z.id = r.zone_id}
   * @param idColumn the listed item's id column, e.g. {@code r.id}
   */
  public SqlListing(String from, String idColumn) {
    this.from = from;
    this.idColumn = idColumn;
  }

  /** A condition of what the caller may see at all; the marker must satisfy it too. */
  public SqlListing scope(String condition, String parameter, Object value) {
    scope.add(condition);
    parameters.addValue(parameter, value);
    return this;
  }

  /**
   * A text filter: the value as given (after {@code normalize}), or a pattern where {@code *}
   * matches anything. {@code %} and {@code _} are literal.
   *
   * @param column the column (or expression) the filter compares
   * @param caseInsensitive compare ignoring case (as Designate's usual MySQL collation does)
   */
  public SqlListing text(
      String column, String value, UnaryOperator<String> normalize, boolean caseInsensitive) {
    if (value != null) {
      filters.add(match(column, normalize.apply(value), caseInsensitive));
    }
    return this;
  }

  /** A text filter on child rows: the item matches when one of its {@code childFrom} rows does. */
  public SqlListing textExists(
      String childFrom, String link, String column, String value, boolean caseInsensitive) {
    if (value != null) {
      filters.add(
          "exists (select 1 from "
              + childFrom
              + " where "
              + link
              + " and "
              + match(column, value, caseInsensitive)
              + ")");
    }
    return this;
  }

  private String match(String column, String value, boolean caseInsensitive) {
    String name = "f" + parameters.getValues().size();
    if (value.indexOf('*') >= 0) {
      String pattern =
          value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace('*', '%');
      parameters.addValue(name, pattern);
      return column + (caseInsensitive ? " ilike :" : " like :") + name + " escape '\\'";
    }
    if (caseInsensitive) {
      parameters.addValue(name, value.toLowerCase(Locale.ROOT));
      return "lower(" + column + ") = :" + name;
    }
    parameters.addValue(name, value);
    return column + " = :" + name;
  }

  /** An integer filter (a TTL): the value must be an integer, compared exactly. */
  public SqlListing integer(String column, String filterName, String value) {
    if (value == null) {
      return this;
    }
    long number;
    try {
      number = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          "bad_request", "Filter " + filterName + " must be an integer, was '" + value + "'");
    }
    String name = "f" + parameters.getValues().size();
    filters.add(column + " = :" + name);
    parameters.addValue(name, number);
    return this;
  }

  /**
   * Runs the list.
   *
   * @param sortColumns the API sort keys the resource allows, each to a non-null SQL expression
   *     (nullable columns wrapped in coalesce, so that keyset paging sees a total order)
   */
  public Page page(
      NamedParameterJdbcTemplate jdbc, ListQuery query, Map<String, String> sortColumns) {
    String sort = sortColumns.get(query.sortKey());
    if (sort == null) {
      throw new IllegalArgumentException("no column for sort key " + query.sortKey());
    }
    String direction = query.descending() ? "desc" : "asc";
    List<String> conditions = new ArrayList<>(scope);
    conditions.addAll(filters);
    long total =
        jdbc.queryForObject(
            "select count(*) from " + from + where(conditions), parameters, Long.class);
    if (query.marker() != null) {
      parameters.addValue("markerId", query.marker());
      Object markerValue;
      try {
        markerValue =
            jdbc.queryForObject(
                "select " + sort + " from " + from + where(scopeAnd(idColumn + " = :markerId")),
                parameters,
                Object.class);
      } catch (EmptyResultDataAccessException e) {
        throw ApiException.badRequest(
            "marker_not_found", "Marker " + query.marker() + " could not be found");
      }
      parameters.addValue("markerValue", markerValue);
      conditions.add(
          "("
              + sort
              + ", "
              + idColumn
              + ") "
              + (query.descending() ? "<" : ">")
              + " (:markerValue, :markerId)");
    }
    parameters.addValue("limit", query.limit());
    List<UUID> ids =
        jdbc.queryForList(
            "select "
                + idColumn
                + " from "
                + from
                + where(conditions)
                + " order by "
                + sort
                + " "
                + direction
                + ", "
                + idColumn
                + " "
                + direction
                + " limit :limit",
            parameters,
            UUID.class);
    return new Page(ids, total);
  }

  private List<String> scopeAnd(String condition) {
    List<String> all = new ArrayList<>(scope);
    all.add(condition);
    return all;
  }

  private static String where(List<String> conditions) {
    return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
  }
}
