package io.zonecast.central.zone;

import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Designate's zone abandon: the zone leaves zonecast's database at once, with its recordsets, its
 * change journal and every change of it not yet handed to the pool manager, but nothing is sent to
 * the pool manager: the targets keep serving the zone as they last had it. (A pool with a catalog
 * zone drops it from the catalog, so catalog consumers remove it at the catalog's next change.)
 */
@Service
class ZoneAbandonment {

  private static final Logger log = LoggerFactory.getLogger(ZoneAbandonment.class);

  private final ZoneRepository zones;
  private final JdbcTemplate jdbc;
  private final ZoneNotifications notifications;

  ZoneAbandonment(ZoneRepository zones, JdbcTemplate jdbc, ZoneNotifications notifications) {
    this.zones = zones;
    this.jdbc = jdbc;
    this.notifications = notifications;
  }

  /**
   * As Designate's delete_zone with {@code abandon}: 404, then the admin policy, then sub-zones.
   */
  @Transactional
  void abandon(Caller caller, UUID id) {
    Zone zone =
        zones
            .lockById(id)
            .filter(z -> caller.canSee(z.getProjectId()))
            .orElseThrow(() -> ZoneService.zoneNotFound(id));
    caller.requireAdmin("abandon a zone");
    String below =
        "%." + zone.getName().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    if (!zones.ownersBelowInAnyPool(below).isEmpty()) {
      throw ApiException.badRequest(
          "zone_has_sub_zone", "Please delete any subzones before deleting this zone");
    }
    // the zone's changes still waiting for the broker; the pool manager forgets its own work on
    // the zone (propagation, re-drives) once it no longer sees it in published.zones
    jdbc.update("delete from outbox_events where zone_id = ? and exchange is null", id);
    notifications.deleted(zone, caller);
    zones.delete(zone);
    zones.flush();
    log.info("abandoned zone {} ({}) of project {}", zone.getName(), id, zone.getProjectId());
  }
}
