package io.zonecast.central.tld;

import io.zonecast.central.admin.AdminStore;
import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.Descriptions;
import io.zonecast.central.system.ListQuery;
import io.zonecast.central.system.SqlListing;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * TLDs, managed by admins only (Designate's tld policies), and the rule they impose on zone names.
 */
@Service
public class TldService {

  // Designate's RE_TLDNAME: dot-separated labels of 1 to 63 letters, digits, '_' or '-', no
  // leading or trailing '-', shorter than 255 characters in all, no trailing dot
  private static final Pattern TLD_NAME =
      Pattern.compile(
          "(?!.{255,})(?:(?!-)[A-Za-z0-9_-]{1,63}(?<!-))(?:\\.(?:(?!-)[A-Za-z0-9_-]{1,63}(?<!-)))*");

  static final List<String> SORT_KEYS = List.of("created_at", "id", "updated_at", "name");
  static final Set<String> FILTERS = Set.of("name");

  private final AdminStore<Tld> store;
  private final NamedParameterJdbcTemplate jdbc;

  TldService(TldRepository tlds, NamedParameterJdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.store =
        new AdminStore<>(
            tlds,
            jdbc,
            clock,
            "TLDs",
            id -> ApiException.notFound("tld_not_found", "Could not find Tld " + id),
            tld ->
                ApiException.conflict("duplicate_tld", "TLD " + tld.getName() + " already exists"));
  }

  /**
   * When any TLD exists, a zone must end in one and must not be one (Designate's
   * _is_valid_zone_name).
   *
   * @param zoneName absolute, lower-case, with the trailing dot
   */
  @Transactional(readOnly = true)
  public void checkZoneName(String zoneName) {
    Set<String> matching = tldsAbove(zoneName, null);
    if (matching == null) {
      return;
    }
    if (matching.isEmpty()) {
      throw ApiException.badRequest("invalid_zone_name", "Invalid TLD");
    }
    if (matching.contains(bare(zoneName))) {
      throw ApiException.badRequest("invalid_zone_name", "Zone name cannot be the same as a TLD");
    }
  }

  /**
   * The TLDs {@code zoneName} (absolute, lower-case) is at or below, without their trailing dot.
   */
  @Transactional(readOnly = true)
  public Set<String> tldsAbove(String zoneName) {
    return tldsAbove(zoneName, Set.of());
  }

  /**
   * The TLDs at or above {@code zoneName}, or {@code none} when no TLD exists at all; one plain
   * statement (it runs for every zone created).
   */
  private Set<String> tldsAbove(String zoneName, Set<String> none) {
    String bare = bare(zoneName);
    List<String> suffixes = new ArrayList<>();
    for (String suffix = bare; ; suffix = suffix.substring(suffix.indexOf('.') + 1)) {
      suffixes.add(suffix);
      if (suffix.indexOf('.') < 0) {
        break;
      }
    }
    return jdbc.queryForObject(
        """
        select exists (select 1 from tlds),
               array(select name from tlds where name = any(:suffixes))
        """,
        java.util.Map.of("suffixes", suffixes.toArray(String[]::new)),
        (row, n) -> row.getBoolean(1) ? Set.of((String[]) row.getArray(2).getArray()) : none);
  }

  private static String bare(String zoneName) {
    return zoneName.substring(0, zoneName.length() - 1);
  }

  @Transactional
  Tld create(Caller caller, String name, String description) {
    return store.create(
        caller, now -> new Tld(checkName(name), Descriptions.check(description), now));
  }

  @Transactional(readOnly = true)
  Tld get(Caller caller, UUID id) {
    return store.get(caller, id);
  }

  record TldUpdate(boolean nameGiven, String name, boolean descriptionGiven, String description) {}

  @Transactional
  Tld update(Caller caller, UUID id, TldUpdate update) {
    return store.update(
        caller,
        id,
        (tld, now) ->
            tld.amend(
                update.nameGiven() ? checkName(update.name()) : tld.getName(),
                update.descriptionGiven()
                    ? Descriptions.check(update.description())
                    : tld.getDescription(),
                now));
  }

  @Transactional
  void delete(Caller caller, UUID id) {
    store.delete(caller, id);
  }

  @Transactional(readOnly = true)
  AdminStore.Page<Tld> list(Caller caller, ListQuery query) {
    return store.list(
        caller,
        query,
        new SqlListing("tlds t", "t.id")
            .text("t.name", query.filter("name"), n -> n.toLowerCase(Locale.ROOT), false),
        AdminStore.sortColumns("t", "name"));
  }

  private static String checkName(String name) {
    if (name == null || !TLD_NAME.matcher(name).matches()) {
      throw ApiException.invalidObject("'" + name + "' is not a TLD");
    }
    return name.toLowerCase(Locale.ROOT);
  }
}
