package io.zonecast.central.share;

import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.ListQuery;
import io.zonecast.central.system.SqlListing;
import io.zonecast.central.zone.Zone;
import io.zonecast.central.zone.ZoneService;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sharing a zone with other projects, as Designate's central share_zone, unshare_zone,
 * find_shared_zones and get_shared_zone, with its default policies (admin, or a member of the
 * project that owns the zone or created the share).
 */
@Service
class ZoneShareService {

  static final Set<String> FILTERS = Set.of("target_project_id");
  static final List<String> SORT_KEYS = List.of("created_at", "updated_at");
  private static final Map<String, String> SORT_COLUMNS =
      Map.of(
          "created_at", "s.created_at",
          "updated_at", "coalesce(s.updated_at, timestamp '1970-01-01')");

  /** Designate's SharedZone.target_project_id is a string of at most 36 characters. */
  static final int MAX_PROJECT_ID = 36;

  private final ZoneShareRepository shares;
  private final ZoneService zones;
  private final NamedParameterJdbcTemplate jdbc;
  private final Clock clock;

  ZoneShareService(
      ZoneShareRepository shares, ZoneService zones, NamedParameterJdbcTemplate jdbc, Clock clock) {
    this.shares = shares;
    this.zones = zones;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Transactional
  ZoneShare share(Caller caller, UUID zoneId, String targetProjectId) {
    if (targetProjectId.isEmpty() || targetProjectId.length() > MAX_PROJECT_ID) {
      throw ApiException.invalidObject(
          "'target_project_id' must be between 1 and " + MAX_PROJECT_ID + " characters");
    }
    Zone zone = zones.getOwnedOrShared(caller, zoneId);
    requireMemberOf(caller, zone.getProjectId(), "share zone " + zone.getName());
    if (zone.getProjectId().equals(targetProjectId)) {
      throw ApiException.badRequest("bad_request", "Cannot share the zone with the zone owner.");
    }
    ZoneShare share =
        new ZoneShare(
            UUID.randomUUID(),
            zone.getId(),
            caller.projectId(),
            targetProjectId,
            LocalDateTime.now(clock),
            null);
    if (!shares.insert(share)) {
      throw ApiException.conflict(
          "duplicate_shared_zone",
          "Zone " + zone.getName() + " is already shared with project " + targetProjectId);
    }
    return share;
  }

  @Transactional(readOnly = true)
  ZoneShare get(Caller caller, UUID zoneId, UUID shareId) {
    ZoneShare share = find(caller, zoneId, shareId);
    requireMemberOf(caller, share.projectId(), "show this zone share");
    return share;
  }

  @Transactional
  void unshare(Caller caller, UUID zoneId, UUID shareId) {
    ZoneShare share = find(caller, zoneId, shareId);
    requireMemberOf(caller, share.projectId(), "remove this zone share");
    if (shares.recordsetsOf(share.zoneId(), share.targetProjectId()) > 0) {
      throw ApiException.badRequest(
          "shared_zone_has_recordsets",
          "Please delete all recordsets owned by project "
              + share.targetProjectId()
              + " before unsharing this zone.");
    }
    shares.delete(share.id());
  }

  record Page(List<ZoneShare> shares, long total) {}

  /**
   * The zone's shares the caller may see: those its project created or is the target of (every one
   * with all-projects). As in Designate, filtering by another project's target_project_id is an
   * admin's (403 otherwise), and a zone the caller cannot see simply lists nothing.
   */
  @Transactional(readOnly = true)
  Page list(Caller caller, UUID zoneId, ListQuery query) {
    String target = query.filter("target_project_id");
    if (!caller.allProjects() && target != null) {
      requireMemberOf(caller, target, "list the zone shares of another project");
    }
    SqlListing listing =
        new SqlListing("zone_shares s", "s.id").scope("s.zone_id = :zone", "zone", zoneId);
    if (!caller.allProjects()) {
      listing.scope(
          "(s.project_id = :project or s.target_project_id = :project)",
          "project",
          caller.projectId());
    }
    SqlListing.Page page =
        listing
            .text("s.target_project_id", target, UnaryOperator.identity(), false)
            .page(jdbc, query, SORT_COLUMNS);
    return new Page(page.load(shares::findAll, ZoneShare::id), page.total());
  }

  private ZoneShare find(Caller caller, UUID zoneId, UUID shareId) {
    return shares
        .find(zoneId, shareId)
        .filter(s ->
            caller.allProjects()
                || s.projectId().equals(caller.projectId())
                || s.targetProjectId().equals(caller.projectId()))
        .orElseThrow(() ->
            ApiException.notFound("shared_zone_not_found", "Could not find SharedZone " + shareId));
  }

  /** Designate's ADMIN_OR_PROJECT_MEMBER with the resource's project: 403 otherwise. */
  private static void requireMemberOf(Caller caller, String project, String action) {
    if (!caller.isAdmin() && !caller.projectId().equals(project)) {
      throw ApiException.forbidden("Only the owning project or an admin may " + action);
    }
  }
}
