package io.zonecast.central.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Designate's list parameters, checked as its {@code get_paging_params} and {@code
 * _apply_filter_params} check them: {@code limit} (default 20, {@code max} = 1000), {@code marker}
 * (the id of the last item of the previous page), {@code sort_key} from the resource's list, {@code
 * sort_dir} asc|desc, and the resource's filters, each at most once.
 *
 * @param sortKey the API name of the sort key; {@code created_at} when none was given
 */
public record ListQuery(
    int limit,
    UUID marker,
    String sortKey,
    boolean descending,
    Map<String, String> filters,
    MultiValueMap<String, String> parameters) {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 1000;
  public static final String DEFAULT_SORT_KEY = "created_at";
  private static final Set<String> PAGING = Set.of("limit", "marker", "sort_key", "sort_dir");

  public static ListQuery of(
      MultiValueMap<String, String> parameters,
      Set<String> allowedFilters,
      List<String> sortKeys,
      Caller caller) {
    int limit = limit(parameters.getFirst("limit"));
    String sortDir = parameters.getFirst("sort_dir");
    if (sortDir != null && !sortDir.equals("asc") && !sortDir.equals("desc")) {
      throw ApiException.badRequest(
          "invalid_sort_dir", "Unknown sort direction, must be 'desc' or 'asc'");
    }
    String sortKey = parameters.getFirst("sort_key");
    if (sortKey != null && !sortKeys.contains(sortKey)) {
      throw ApiException.badRequest(
          "invalid_sort_key",
          "sort key must be one of "
              + sortKeys.stream()
                  .map(k -> "'" + k + "'")
                  .collect(Collectors.joining(", ", "[", "]")));
    }
    if (sortKey == null || (sortKey.equals("tenant_id") && !caller.allProjects())) {
      sortKey = DEFAULT_SORT_KEY;
    }
    UUID marker = marker(parameters.getFirst("marker"));

    List<String> duplicate = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    Map<String, String> filters = new LinkedHashMap<>();
    parameters.forEach((name, values) -> {
      if (PAGING.contains(name) || CallerResolver.ALL_PROJECTS_PARAMETERS.contains(name)) {
        return;
      }
      if (values.size() > 1) {
        duplicate.add(name);
      } else if (allowedFilters.contains(name)) {
        filters.put(name, values.getFirst());
      } else {
        invalid.add(name);
      }
    });
    if (!duplicate.isEmpty()) {
      throw ApiException.badRequest(
          "bad_request", "Duplicate filters " + String.join(", ", duplicate));
    }
    if (!invalid.isEmpty()) {
      throw ApiException.badRequest("bad_request", "Invalid filters " + String.join(", ", invalid));
    }
    return new ListQuery(
        limit, marker, sortKey, "desc".equals(sortDir), Map.copyOf(filters), parameters);
  }

  private static int limit(String raw) {
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    if (raw.equalsIgnoreCase("max")) {
      return MAX_LIMIT;
    }
    int limit;
    try {
      limit = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      limit = 0;
    }
    if (limit < 1) {
      throw ApiException.badRequest(
          "invalid_limit", "limit should be an integer between 1 and " + MAX_LIMIT);
    }
    return Math.min(limit, MAX_LIMIT);
  }

  private static UUID marker(String raw) {
    if (raw == null) {
      return null;
    }
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid_marker", "Invalid marker " + raw);
    }
  }

  public String filter(String name) {
    return filters.get(name);
  }

  /** {@code self}, and {@code next} when the page is full (Designate emits it then). */
  public Map<String, Object> links(String base, int pageSize, UUID lastId) {
    UriComponentsBuilder self = UriComponentsBuilder.fromUriString(base);
    parameters.forEach((k, v) -> self.queryParam(k, v.toArray()));
    Map<String, Object> links = new LinkedHashMap<>();
    links.put("self", self.encode().build().toUriString());
    if (pageSize == limit && lastId != null) {
      UriComponentsBuilder next = UriComponentsBuilder.fromUriString(base);
      parameters.forEach((k, v) -> {
        if (!k.equals("marker") && !k.equals("limit")) {
          next.queryParam(k, v.toArray());
        }
      });
      next.queryParam("limit", limit);
      next.queryParam("marker", lastId);
      links.put("next", next.encode().build().toUriString());
    }
    return links;
  }
}
