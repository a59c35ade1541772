package io.zonecast.central.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** A page of a list in Designate's shape: the items, {@code links} and {@code metadata}. */
public final class ListJson {

  private ListJson() {}

  /**
   * @param collection the items' key, e.g. {@code zones}
   * @param base the list's absolute URL without query
   */
  public static <T> Map<String, Object> of(
      String collection,
      List<T> items,
      Function<T, Map<String, Object>> render,
      Function<T, UUID> idOf,
      long total,
      ListQuery query,
      String base) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(collection, items.stream().map(render).toList());
    json.put(
        "links",
        query.links(base, items.size(), items.isEmpty() ? null : idOf.apply(items.getLast())));
    json.put("metadata", Map.of("total_count", total));
    return json;
  }
}
