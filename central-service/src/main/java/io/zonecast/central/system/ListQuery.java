package io.zonecast.central.system;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Designate's paging parameters: {@code limit} (default 20, {@code max} = 1000) and {@code marker}
 * (the id of the last item of the previous page). Unknown parameters are refused, as Designate
 * refuses unknown filters.
 */
public record ListQuery(int limit, UUID marker, Map<String, String> parameters) {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 1000;

  public static ListQuery of(Map<String, String> parameters, Set<String> allowed) {
    Set<String> unknown = new TreeSet<>(parameters.keySet());
    unknown.removeAll(allowed);
    if (!unknown.isEmpty()) {
      throw ApiException.badRequest("bad_request", "Invalid filters " + unknown);
    }
    int limit = DEFAULT_LIMIT;
    String rawLimit = parameters.get("limit");
    if (rawLimit != null) {
      if (rawLimit.equals("max")) {
        limit = MAX_LIMIT;
      } else {
        try {
          limit = Integer.parseInt(rawLimit);
        } catch (NumberFormatException e) {
          limit = -1;
        }
        if (limit < 1) {
          throw ApiException.badRequest(
              "invalid_limit", "limit must be a positive integer or 'max'");
        }
        limit = Math.min(limit, MAX_LIMIT);
      }
    }
    UUID marker = null;
    String rawMarker = parameters.get("marker");
    if (rawMarker != null) {
      try {
        marker = UUID.fromString(rawMarker);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("invalid_marker", "Invalid marker " + rawMarker);
      }
    }
    return new ListQuery(limit, marker, new LinkedHashMap<>(parameters));
  }

  /** {@code self}, and {@code next} when the page is full (Designate emits it then). */
  public Map<String, Object> links(String base, int pageSize, UUID lastId) {
    UriComponentsBuilder self = UriComponentsBuilder.fromUriString(base);
    parameters.forEach(self::queryParam);
    Map<String, Object> links = new LinkedHashMap<>();
    links.put("self", self.build().toUriString());
    if (pageSize == limit && lastId != null) {
      UriComponentsBuilder next = UriComponentsBuilder.fromUriString(base);
      parameters.forEach((k, v) -> {
        if (!k.equals("marker")) {
          next.queryParam(k, v);
        }
      });
      next.queryParam("limit", limit).replaceQueryParam("limit", limit);
      next.queryParam("marker", lastId);
      links.put("next", next.build().toUriString());
    }
    return links;
  }
}
