package io.zonecast.central.zone;

import io.zonecast.central.pool.PoolCatalog;
import io.zonecast.central.recordset.ManagedRecordsets;
import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.CentralProperties;
import io.zonecast.central.system.Descriptions;
import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.InvalidNameException;
import io.zonecast.model.zone.ZoneName;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, reading and deleting zones for a project. */
@Service
public class ZoneService {

  static final int MAX_TTL = Integer.MAX_VALUE;

  private final ZoneRepository zones;
  private final ZoneChanges changes;
  private final ManagedRecordsets managedRecordsets;
  private final PoolCatalog pools;
  private final CentralProperties properties;

  ZoneService(
      ZoneRepository zones,
      ZoneChanges changes,
      ManagedRecordsets managedRecordsets,
      PoolCatalog pools,
      CentralProperties properties) {
    this.zones = zones;
    this.changes = changes;
    this.managedRecordsets = managedRecordsets;
    this.pools = pools;
    this.properties = properties;
  }

  record NewZone(String name, String email, Integer ttl, String description) {}

  @Transactional
  public Zone create(Caller caller, NewZone request) {
    ZoneName name;
    try {
      name = ZoneName.parse(request.name());
    } catch (InvalidNameException e) {
      throw ApiException.badRequest("invalid_zone_name", e.getMessage());
    }
    String email = ZoneEmail.check(request.email());
    int ttl = request.ttl() == null ? properties.defaultTtl() : request.ttl();
    if (ttl < 0) {
      throw ApiException.badRequest("invalid_ttl", "ttl must be between 0 and " + MAX_TTL);
    }
    String description = Descriptions.check(request.description());
    Pool pool = pools.defaultPool();
    if (zones.existsByNameAndPoolId(name.value(), pool.id())) {
      throw ApiException.conflict("duplicate_zone", "Zone " + name + " already exists");
    }
    Zone zone =
        new Zone(
            UUID.randomUUID(),
            caller.projectId(),
            pool.id(),
            name.value(),
            email,
            ttl,
            description,
            changes.firstSerial(),
            changes.now());
    try {
      zone = zones.saveAndFlush(zone);
    } catch (DataIntegrityViolationException e) {
      throw ApiException.conflict("duplicate_zone", "Zone " + name + " already exists");
    }
    managedRecordsets.create(
        zone.getId(),
        caller.projectId(),
        zone.getName(),
        zone.getSerial(),
        changes.soaData(zone),
        pools.nameserverNames(pool.id()));
    changes.created(zone, caller.context());
    return zone;
  }

  @Transactional(readOnly = true)
  public Zone get(Caller caller, UUID id) {
    return zones.findByIdAndProjectId(id, caller.projectId()).orElseThrow(() -> zoneNotFound(id));
  }

  /** Locks the caller's zone for a change; 404 when it is not theirs, 400 while it is deleted. */
  @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
  public Zone lockForChange(Caller caller, UUID id) {
    Zone zone =
        zones
            .lockById(id)
            .filter(z -> z.getProjectId().equals(caller.projectId()))
            .orElseThrow(() -> zoneNotFound(id));
    if (zone.isBeingDeleted()) {
      throw ApiException.badRequest("bad_request", "Zone " + zone.getName() + " is being deleted");
    }
    return zone;
  }

  record ZoneUpdate(
      boolean emailGiven,
      String email,
      boolean ttlGiven,
      Integer ttl,
      boolean descriptionGiven,
      String description) {}

  /** PATCH: a new email (SOA RNAME), TTL or description; the zone's serial moves with it. */
  @Transactional
  public Zone update(Caller caller, UUID id, ZoneUpdate update) {
    Zone zone = lockForChange(caller, id);
    String email = update.emailGiven() ? ZoneEmail.check(update.email()) : zone.getEmail();
    int ttl = zone.getTtl();
    if (update.ttlGiven()) {
      if (update.ttl() == null || update.ttl() < 0) {
        throw ApiException.badRequest("invalid_ttl", "ttl must be between 0 and " + MAX_TTL);
      }
      ttl = update.ttl();
    }
    String description =
        update.descriptionGiven()
            ? Descriptions.check(update.description())
            : zone.getDescription();
    int servedTtl = zone.getTtl();
    zone.amend(email, ttl, description);
    changes.amended(zone, servedTtl, caller.context());
    return zone;
  }

  @Transactional
  public Zone delete(Caller caller, UUID id) {
    Zone zone =
        zones
            .lockById(id)
            .filter(z -> z.getProjectId().equals(caller.projectId()))
            .orElseThrow(() -> zoneNotFound(id));
    if (!zone.isBeingDeleted() || zone.getStatus() == io.zonecast.model.zone.ZoneStatus.ERROR) {
      changes.deleting(zone, caller.context());
    }
    return zone;
  }

  record Page(List<Zone> zones, long total) {}

  @Transactional(readOnly = true)
  public Page list(Caller caller, ZoneFilter filter, int limit, UUID marker) {
    LocalDateTime markerCreated = null;
    if (marker != null) {
      markerCreated =
          zones
              .findByIdAndProjectId(marker, caller.projectId())
              .map(Zone::getCreatedAt)
              .orElseThrow(() ->
                  ApiException.badRequest("invalid_marker", "Marker " + marker + " not found"));
    }
    List<Zone> page =
        zones.page(
            caller.projectId(),
            filter.namePattern(),
            filter.status(),
            markerCreated,
            marker,
            limit);
    long total = zones.countPage(caller.projectId(), filter.namePattern(), filter.status());
    return new Page(page, total);
  }

  static ApiException zoneNotFound(UUID id) {
    return ApiException.notFound("zone_not_found", "Could not find Zone " + id);
  }
}
