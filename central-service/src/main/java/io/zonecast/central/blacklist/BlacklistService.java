package io.zonecast.central.blacklist;

import io.zonecast.central.admin.AdminStore;
import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.Descriptions;
import io.zonecast.central.system.ListQuery;
import io.zonecast.central.system.SqlListing;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Blacklisted zone names, managed by admins only (Designate's blacklist policies). A zone whose
 * name a pattern finds (a regular-expression search, as Python's re.search) is refused unless the
 * caller is an admin (Designate's use_blacklisted_zone policy).
 */
@Service
public class BlacklistService {

  private static final Logger log = LoggerFactory.getLogger(BlacklistService.class);

  static final int MAX_PATTERN = 255;
  static final List<String> SORT_KEYS = List.of("created_at", "id", "updated_at", "pattern");
  static final Set<String> FILTERS = Set.of("pattern");

  /**
   * Time one pattern may take on one name; a search that takes longer counts as a match, as in
   * Designate. Designate's 20 ms is too tight for a JVM whose matcher may not be compiled yet.
   */
  static final Duration SEARCH_BUDGET = Duration.ofMillis(100);

  private final BlacklistRepository blacklists;
  private final AdminStore<Blacklist> store;

  BlacklistService(BlacklistRepository blacklists, NamedParameterJdbcTemplate jdbc, Clock clock) {
    this.blacklists = blacklists;
    this.store =
        new AdminStore<>(
            blacklists,
            jdbc,
            clock,
            "blacklists",
            id -> ApiException.notFound("blacklist_not_found", "Could not find Blacklist " + id),
            blacklist ->
                ApiException.conflict(
                    "duplicate_blacklist",
                    "Blacklist " + blacklist.getPattern() + " already exists"));
  }

  /** 400 invalid_zone_name when a pattern finds the name and the caller is no admin. */
  @Transactional(readOnly = true)
  public void checkZoneName(Caller caller, String zoneName) {
    if (caller.isAdmin()) {
      return;
    }
    for (Blacklist blacklist : blacklists.findAll()) {
      if (blacklisted(blacklist.getPattern(), zoneName)) {
        throw ApiException.badRequest("invalid_zone_name", "Blacklisted zone name");
      }
    }
  }

  private static boolean blacklisted(String pattern, String zoneName) {
    try {
      return BoundedRegex.find(Pattern.compile(pattern), zoneName, SEARCH_BUDGET);
    } catch (BoundedRegex.TimedOut e) {
      log.error(
          "blacklist pattern {} took more than {} on zone name {}: treated as blacklisted",
          pattern,
          SEARCH_BUDGET,
          zoneName);
      return true;
    }
  }

  @Transactional
  Blacklist create(Caller caller, String pattern, String description) {
    return store.create(
        caller, now -> new Blacklist(checkPattern(pattern), Descriptions.check(description), now));
  }

  @Transactional(readOnly = true)
  Blacklist get(Caller caller, UUID id) {
    return store.get(caller, id);
  }

  record BlacklistUpdate(
      boolean patternGiven, String pattern, boolean descriptionGiven, String description) {}

  @Transactional
  Blacklist update(Caller caller, UUID id, BlacklistUpdate update) {
    return store.update(
        caller,
        id,
        (blacklist, now) ->
            blacklist.amend(
                update.patternGiven() ? checkPattern(update.pattern()) : blacklist.getPattern(),
                update.descriptionGiven()
                    ? Descriptions.check(update.description())
                    : blacklist.getDescription(),
                now));
  }

  @Transactional
  void delete(Caller caller, UUID id) {
    store.delete(caller, id);
  }

  @Transactional(readOnly = true)
  AdminStore.Page<Blacklist> list(Caller caller, ListQuery query) {
    return store.list(
        caller,
        query,
        new SqlListing("blacklists b", "b.id")
            .text("b.pattern", query.filter("pattern"), UnaryOperator.identity(), false),
        AdminStore.sortColumns("b", "pattern"));
  }

  private static String checkPattern(String pattern) {
    if (pattern == null || pattern.isEmpty() || pattern.length() > MAX_PATTERN) {
      throw ApiException.invalidObject(
          "'pattern' must be a regular expression of 1 to " + MAX_PATTERN + " characters");
    }
    try {
      Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw ApiException.invalidObject(
          "'pattern' is not a valid regular expression: " + e.getDescription());
    }
    return pattern;
  }
}
