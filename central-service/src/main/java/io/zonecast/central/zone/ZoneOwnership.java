package io.zonecast.central.zone;

import io.zonecast.central.system.ApiException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves a zone and its recordsets to another project (an accepted zone transfer). Nothing the zone
 * serves changes: no new serial, nothing for the pool manager, so the secondaries keep serving it
 * throughout.
 */
@Component
public class ZoneOwnership {

  private final ZoneRepository zones;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  ZoneOwnership(ZoneRepository zones, JdbcTemplate jdbc, Clock clock) {
    this.zones = zones;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The zone, locked: 404 when it is gone, 400 while it is being deleted (as Designate). */
  @Transactional(propagation = Propagation.MANDATORY)
  public Zone lockForTransfer(UUID zoneId) {
    Zone zone = zones.lockById(zoneId).orElseThrow(() -> ZoneService.zoneNotFound(zoneId));
    if (zone.isBeingDeleted()) {
      throw ApiException.badRequest("bad_request", "Can not transfer a deleting zone");
    }
    return zone;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void transfer(Zone zone, String project) {
    zone.transferTo(project, LocalDateTime.now(clock));
    zones.saveAndFlush(zone);
    jdbc.update("update recordsets set project_id = ? where zone_id = ?", project, zone.getId());
  }
}
