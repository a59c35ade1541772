package io.zonecast.central.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

class ListQueryTest {

  static final Caller MEMBER = new Caller("p", "req-1", Set.of("member"), false);
  static final Caller EVERYONE = new Caller("p", "req-1", Set.of("admin"), true);
  static final List<String> SORT_KEYS = List.of("created_at", "name", "tenant_id");

  private static MultiValueMap<String, String> parameters(String... pairs) {
    MultiValueMap<String, String> map = new LinkedMultiValueMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.add(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private static ListQuery of(Caller caller, String... pairs) {
    return ListQuery.of(parameters(pairs), Set.of("name", "ttl"), SORT_KEYS, caller);
  }

  private static void refused(String type, String message, String... pairs) {
    assertThatThrownBy(() -> of(MEMBER, pairs))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.type()).isEqualTo(type);
              assertThat(e.getMessage()).isEqualTo(message);
            });
  }

  @Test
  void defaultsAreDesignates() {
    ListQuery query = of(MEMBER);
    assertThat(query.limit()).isEqualTo(20);
    assertThat(query.marker()).isNull();
    assertThat(query.sortKey()).isEqualTo("created_at");
    assertThat(query.descending()).isFalse();
    assertThat(query.filters()).isEmpty();
  }

  @Test
  void readsLimitMarkerSortAndFilters() {
    UUID marker = UUID.randomUUID();
    ListQuery query =
        of(
            MEMBER,
            "limit",
            "5",
            "marker",
            marker.toString(),
            "sort_key",
            "name",
            "sort_dir",
            "desc",
            "name",
            "*.org.",
            "all_projects",
            "false");
    assertThat(query.limit()).isEqualTo(5);
    assertThat(query.marker()).isEqualTo(marker);
    assertThat(query.sortKey()).isEqualTo("name");
    assertThat(query.descending()).isTrue();
    assertThat(query.filter("name")).isEqualTo("*.org.");
    assertThat(of(MEMBER, "limit", "max").limit()).isEqualTo(1000);
    assertThat(of(MEMBER, "limit", "5000").limit()).isEqualTo(1000);
  }

  @Test
  void tenantIdSortsOnlyWithAllProjects() {
    assertThat(of(MEMBER, "sort_key", "tenant_id").sortKey()).isEqualTo("created_at");
    assertThat(of(EVERYONE, "sort_key", "tenant_id").sortKey()).isEqualTo("tenant_id");
  }

  @Test
  void refusesWhatDesignateRefuses() {
    refused("invalid_limit", "limit should be an integer between 1 and 1000", "limit", "0");
    refused("invalid_limit", "limit should be an integer between 1 and 1000", "limit", "ten");
    refused(
        "invalid_sort_dir", "Unknown sort direction, must be 'desc' or 'asc'", "sort_dir", "ASC");
    refused(
        "invalid_sort_key",
        "sort key must be one of ['created_at', 'name', 'tenant_id']",
        "sort_key",
        "serial");
    refused("invalid_marker", "Invalid marker 42", "marker", "42");
    refused("bad_request", "Invalid filters colour, size", "colour", "red", "size", "9");
    refused("bad_request", "Duplicate filters name", "name", "a.", "name", "b.");
  }

  @Test
  void nextLinkKeepsTheQueryAndMovesTheMarker() {
    ListQuery query =
        of(MEMBER, "name", "*.org.", "limit", "2", "marker", UUID.randomUUID().toString());
    UUID last = UUID.randomUUID();

    var links = query.links("http://h/v2/zones", 2, last);

    assertThat(links.get("next")).isEqualTo("http://h/v2/zones?name=*.org.&limit=2&marker=" + last);
    assertThat(query.links("http://h/v2/zones", 1, last)).doesNotContainKey("next");
  }
}
