package io.zonecast.central.zone;

import io.zonecast.central.pool.PoolCatalog;
import io.zonecast.central.quota.QuotaService;
import io.zonecast.central.scheduler.PoolScheduler;
import io.zonecast.central.scheduler.ZoneAttributes;
import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.CentralProperties;
import io.zonecast.central.system.Descriptions;
import io.zonecast.central.system.ListQuery;
import io.zonecast.central.system.SqlListing;
import io.zonecast.central.system.UniqueViolation;
import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.InvalidNameException;
import io.zonecast.model.zone.ZoneName;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, reading and deleting zones for a project. */
@Service
public class ZoneService {

  static final int MAX_TTL = Integer.MAX_VALUE;

  private final ZoneRepository zones;
  private final ZoneChanges changes;
  private final ApexRecordsets managedRecordsets;
  private final PoolCatalog pools;
  private final PoolScheduler scheduler;
  private final CentralProperties properties;
  private final ZoneNameRules nameRules;
  private final QuotaService quotas;
  private final NamedParameterJdbcTemplate jdbc;
  private final ZoneNotifications notifications;
  private final ZoneShares shares;
  private final SecondaryTransfers secondaryTransfers;
  private final SecondaryZoneProperties secondaryProperties;
  private final ZoneNeighbours neighbours;
  private final ZoneRowLock rowLock;

  ZoneService(
      ZoneRepository zones,
      ZoneChanges changes,
      ApexRecordsets managedRecordsets,
      PoolCatalog pools,
      PoolScheduler scheduler,
      CentralProperties properties,
      ZoneNameRules nameRules,
      QuotaService quotas,
      NamedParameterJdbcTemplate jdbc,
      ZoneNotifications notifications,
      ZoneShares shares,
      SecondaryTransfers secondaryTransfers,
      SecondaryZoneProperties secondaryProperties,
      ZoneNeighbours neighbours,
      ZoneRowLock rowLock) {
    this.rowLock = rowLock;
    this.neighbours = neighbours;
    this.secondaryTransfers = secondaryTransfers;
    this.secondaryProperties = secondaryProperties;
    this.zones = zones;
    this.changes = changes;
    this.managedRecordsets = managedRecordsets;
    this.pools = pools;
    this.scheduler = scheduler;
    this.properties = properties;
    this.nameRules = nameRules;
    this.quotas = quotas;
    this.jdbc = jdbc;
    this.notifications = notifications;
    this.shares = shares;
  }

  record NewZone(
      String name, String email, Integer ttl, String description, ZoneAttributes attributes) {}

  @Transactional
  public Zone create(Caller caller, NewZone request) {
    Zone zone = createWithSerial(caller, request, changes.firstSerial());
    changes.created(zone, caller.context());
    notifications.created(zone, caller);
    // last, so the quota's lock is held for the count and the commit only (every row above is
    // written by now: plain statements, nothing left for a flush)
    quotas.enforceZonesCreated(caller.projectId());
    return zone;
  }

  /**
   * A zone from an imported zone file, its managed SOA and NS, not yet published: the caller adds
   * the recordsets in the same transaction, then calls {@link #publishImported}. Its serial follows
   * the file's by the serial rules (RFC 1982, {@code max(now, imported + 1)}), so secondaries
   * holding the zone at the imported serial take zonecast's version.
   */
  @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
  public Zone createImported(
      Caller caller,
      String name,
      String email,
      int ttl,
      long importedSerial,
      ZoneAttributes attributes) {
    Zone zone =
        createWithSerial(
            caller,
            new NewZone(name, email, ttl, null, attributes),
            changes.serialAfter(importedSerial));
    quotas.enforceZonesCreated(caller.projectId());
    return zone;
  }

  /** The imported zone's CREATE goes to the pool manager when the transaction commits. */
  @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
  public void publishImported(Caller caller, Zone zone) {
    changes.created(zone, caller.context());
    notifications.created(zone, caller);
  }

  private Zone createWithSerial(Caller caller, NewZone request, long serial) {
    String email = ZoneEmail.check(request.email());
    Placement placement =
        place(caller, request.name(), request.ttl(), request.description(), request.attributes());
    Zone zone =
        new Zone(
            UUID.randomUUID(),
            caller.projectId(),
            placement.pool().id(),
            placement.name().value(),
            email,
            placement.ttl(),
            placement.description(),
            request.attributes().values(),
            serial,
            changes.now());
    // published in this transaction (ZoneChanges.created, or publishImported for an import)
    zone.markPublished(zone.getCreatedAt());
    zone = save(zone);
    managedRecordsets.create(
        zone.getId(),
        caller.projectId(),
        zone.getName(),
        zone.getSerial(),
        changes.soaData(zone),
        pools.nameserverNames(placement.pool().id()));
    return zone;
  }

  record NewSecondaryZone(
      String name, List<String> masters, String description, ZoneAttributes attributes) {}

  /**
   * A SECONDARY zone, as Designate creates one: serial 1 and no records until MiniDNS pulled it
   * from its masters; the managed resource email. It reaches the pool manager only with its first
   * transfer (MiniDNS publishes its CREATE then), so no target is asked to serve an empty zone.
   */
  @Transactional
  public Zone createSecondary(Caller caller, NewSecondaryZone request) {
    List<String> masters = ZoneMasters.check(request.masters());
    Placement placement =
        place(caller, request.name(), null, request.description(), request.attributes());
    Zone zone =
        save(
            Zone.secondary(
                UUID.randomUUID(),
                caller.projectId(),
                placement.pool().id(),
                placement.name().value(),
                secondaryProperties.managedResourceEmail(),
                placement.ttl(),
                placement.description(),
                request.attributes().values(),
                masters,
                changes.now()));
    secondaryTransfers.requested(zone, "zone created", caller.context());
    notifications.created(zone, caller);
    quotas.enforceZonesCreated(caller.projectId());
    return zone;
  }

  /** POST /v2/zones/{id}/tasks/xfr: MiniDNS pulls the zone now. */
  @Transactional
  public Zone requestTransfer(Caller caller, UUID id) {
    Zone zone = lockForChange(caller, id);
    if (!zone.isSecondary()) {
      throw ApiException.badRequest("bad_request", "Can't XFR a non Secondary zone.");
    }
    secondaryTransfers.requested(zone, "transfer asked for", caller.context());
    return zone;
  }

  private record Placement(ZoneName name, int ttl, String description, Pool pool) {}

  /**
   * Checks a new zone's name, TTL and description and its neighbours, and picks its pool. The zone
   * quota is checked by the caller, last ({@link QuotaService#enforceZonesCreated}).
   */
  private Placement place(
      Caller caller,
      String requestedName,
      Integer ttlGiven,
      String text,
      ZoneAttributes attributes) {
    ZoneName name;
    try {
      name = ZoneName.parse(requestedName);
    } catch (InvalidNameException e) {
      throw ApiException.badRequest("invalid_zone_name", e.getMessage());
    }
    int ttl = ttlGiven == null ? properties.defaultTtl() : ttlGiven;
    if (ttl < 0) {
      throw ApiException.badRequest("invalid_ttl", "ttl must be between 0 and " + MAX_TTL);
    }
    String description = Descriptions.check(text);
    nameRules.check(caller, name.value());
    ZoneNeighbours.Around around = neighbours.around(caller.projectId(), name.value());
    // one zone per name across every pool: MiniDNS serves a name from one zone
    if (around.nameTaken()) {
      throw ApiException.conflict("duplicate_zone", "Zone " + name + " already exists");
    }
    if (around.otherProjectAbove()) {
      throw ApiException.forbiddenAs(
          "illegal_child", "Unable to create subzone in another tenant's zone");
    }
    if (around.otherProjectBelow()) {
      throw ApiException.forbiddenAs(
          "illegal_parent",
          "Unable to create zone because another tenant owns a subzone of the zone");
    }
    return new Placement(name, ttl, description, scheduler.schedule(caller, attributes));
  }

  private static final ZoneAttributesColumn ATTRIBUTES = new ZoneAttributesColumn();
  private static final ZoneMastersColumn MASTERS = new ZoneMastersColumn();

  /**
   * Inserts a new zone's row with one plain statement: no entity is persisted and flushed for it
   * (Hibernate's persist, flush and dirty check were the largest part of central's CPU per created
   * zone). Nothing changes the zone object afterwards within the transaction; the version is
   * Hibernate's first one (0), as a later load sees it.
   */
  private Zone save(Zone zone) {
    try {
      jdbc.getJdbcTemplate()
          .update(
              """
              insert into zones (id, project_id, pool_id, name, email, ttl, serial, status, action,
                                 type, description, status_message, version, created_at,
                                 updated_at, published_at, attributes, masters)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, cast(? as jsonb),
                      cast(? as jsonb))
              """,
              zone.getId(),
              zone.getProjectId(),
              zone.getPoolId(),
              zone.getName(),
              zone.getEmail(),
              zone.getTtl(),
              zone.getSerial(),
              zone.getStatus().name(),
              zone.getAction().name(),
              zone.getType(),
              zone.getDescription(),
              zone.getStatusMessage(),
              zone.getCreatedAt(),
              zone.getUpdatedAt(),
              zone.getPublishedAt(),
              ATTRIBUTES.convertToDatabaseColumn(zone.getAttributes()),
              MASTERS.convertToDatabaseColumn(zone.getMasters()));
      return zone;
    } catch (DataIntegrityViolationException e) {
      if (UniqueViolation.of(e, "zones_name_key")) {
        throw ApiException.conflict("duplicate_zone", "Zone " + zone.getName() + " already exists");
      }
      throw e;
    }
  }

  @Transactional(readOnly = true)
  public Zone get(Caller caller, UUID id) {
    return zones
        .findById(id)
        .filter(z -> caller.canSee(z.getProjectId()))
        .orElseThrow(() -> zoneNotFound(id));
  }

  /**
   * A zone the caller owns (or sees with all-projects) or that is shared with the caller's project,
   * as Designate's get_zone: a sharee reads the zone and its recordsets; any other project gets
   * 404.
   */
  @Transactional(readOnly = true)
  public Zone getOwnedOrShared(Caller caller, UUID id) {
    return zones
        .findById(id)
        .filter(z -> ownsOrShares(caller, z))
        .orElseThrow(() -> zoneNotFound(id));
  }

  /** The zone exists and is the caller's or shared with the caller's project. */
  @Transactional(readOnly = true)
  public boolean isOwnedOrShared(Caller caller, UUID id) {
    return zones.findById(id).filter(z -> ownsOrShares(caller, z)).isPresent();
  }

  private boolean ownsOrShares(Caller caller, Zone zone) {
    return caller.canSee(zone.getProjectId())
        || shares.isSharedWith(zone.getId(), caller.projectId());
  }

  /**
   * Designate's update_zone / delete_zone policies (admin or the owner's project): a project the
   * zone is only shared with gets 403.
   */
  private static void requireOwnerOrAdmin(Caller caller, Zone zone, String action) {
    if (!caller.canSee(zone.getProjectId()) && !caller.isAdmin()) {
      throw ApiException.forbidden(
          "Only the project owning zone " + zone.getName() + " may " + action + " it");
    }
  }

  /** The names of the given zones, by id. */
  @Transactional(readOnly = true)
  public Map<UUID, String> names(Collection<UUID> ids) {
    return zones.findAllById(ids).stream().collect(Collectors.toMap(Zone::getId, Zone::getName));
  }

  /**
   * Locks the caller's zone (or one shared with the caller's project) for a change; 404 when it is
   * neither, 400 while it is deleted. Whether the caller may change what it asks for is the
   * caller's check (a sharee only its own recordsets).
   */
  @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
  public Zone lockForChange(Caller caller, UUID id) {
    Zone zone =
        zones.lockById(id).filter(z -> ownsOrShares(caller, z)).orElseThrow(() -> zoneNotFound(id));
    if (zone.isBeingDeleted()) {
      throw ApiException.badRequest("bad_request", "Zone " + zone.getName() + " is being deleted");
    }
    return zone;
  }

  /**
   * Locks a zone for a change zonecast makes by itself (e.g. re-signing): empty when the zone is
   * gone, being deleted, or locked by another transaction (which then makes the change itself).
   */
  @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
  public java.util.Optional<Zone> lockForMaintenance(UUID id) {
    List<Zone> locked =
        jdbc.getJdbcTemplate()
                .queryForList(
                    "select id from zones where id = ? for update skip locked", UUID.class, id)
                .isEmpty()
            ? List.of()
            : zones.lockById(id).stream().toList();
    return locked.stream().filter(z -> !z.isBeingDeleted()).findFirst();
  }

  record ZoneUpdate(
      boolean emailGiven,
      String email,
      boolean ttlGiven,
      Integer ttl,
      boolean descriptionGiven,
      String description,
      boolean mastersGiven,
      List<String> masters) {}

  /** PATCH: a new email (SOA RNAME), TTL or description; the zone's serial moves with it. */
  @Transactional
  public Zone update(Caller caller, UUID id, ZoneUpdate update) {
    Zone zone = lockForChange(caller, id);
    requireOwnerOrAdmin(caller, zone, "update");
    if (zone.isSecondary()) {
      return updateSecondary(caller, zone, update);
    }
    if (update.mastersGiven() && update.masters() != null && !update.masters().isEmpty()) {
      throw ApiException.invalidObject("'masters' has more items than allowed");
    }
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
    notifications.updated(zone, caller);
    return zone;
  }

  /**
   * A SECONDARY zone's masters, TTL and description may change; its email and SOA are its master's
   * (Designate: "'email' can't be specified when type is SECONDARY"). Nothing is served
   * differently, so the serial stays the master's; new masters are asked for the zone at once.
   */
  private Zone updateSecondary(Caller caller, Zone zone, ZoneUpdate update) {
    if (update.emailGiven()) {
      throw ApiException.invalidObject("'email' can't be specified when type is SECONDARY");
    }
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
    zone.amend(zone.getEmail(), ttl, description);
    zone.touched(changes.now());
    if (update.mastersGiven()) {
      List<String> masters = ZoneMasters.check(update.masters());
      if (!masters.equals(zone.getMasters())) {
        zone.changeMasters(masters);
        secondaryTransfers.requested(zone, "masters changed", caller.context());
      }
    }
    return zone;
  }

  /**
   * Locks the caller's zone for a change to its recordsets: a SECONDARY zone's records come only
   * from its masters, so every write is refused (403, as Designate's recordset policy refuses them
   * for a zone of type SECONDARY).
   */
  @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
  public Zone lockForRecordsetChange(Caller caller, UUID id, String action) {
    // read and locked with plain JDBC: the change writes the zone's row itself (ZoneChanges)
    Zone zone =
        rowLock.lock(id).filter(z -> ownsOrShares(caller, z)).orElseThrow(() -> zoneNotFound(id));
    if (zone.isBeingDeleted()) {
      throw ApiException.badRequest("bad_request", "Zone " + zone.getName() + " is being deleted");
    }
    if (zone.isSecondary()) {
      throw ApiException.forbidden(
          "Policy doesn't allow "
              + action
              + " to be performed: "
              + zone.getName()
              + " is a SECONDARY zone, its records come from its masters");
    }
    return zone;
  }

  @Transactional
  public Zone delete(Caller caller, UUID id) {
    return delete(caller, id, false);
  }

  /**
   * @param deleteShares the request said {@code X-Designate-Delete-Shares: true}: a shared zone is
   *     deleted with its shares; without it a shared zone is refused (400 zone_is_shared)
   */
  @Transactional
  public Zone delete(Caller caller, UUID id, boolean deleteShares) {
    Zone zone =
        zones.lockById(id).filter(z -> ownsOrShares(caller, z)).orElseThrow(() -> zoneNotFound(id));
    requireOwnerOrAdmin(caller, zone, "delete");
    boolean shared = shares.hasShares(zone.getId());
    if (shared && !deleteShares) {
      throw ApiException.badRequest(
          "zone_is_shared",
          "This zone is shared with other projects, please remove these shares before deletion"
              + " or use the delete-shares modifier to override this warning.");
    }
    if (!zones.ownersBelow(zone.getPoolId(), below(zone.getName())).isEmpty()) {
      throw ApiException.badRequest(
          "zone_has_sub_zone", "Please delete any subzones before deleting this zone");
    }
    if (shared) {
      shares.deleteAll(zone.getId());
    }
    if (!zone.isBeingDeleted() || zone.getStatus() == io.zonecast.model.zone.ZoneStatus.ERROR) {
      changes.deleting(zone, caller.context());
      notifications.deleted(zone, caller);
    }
    return zone;
  }

  /**
   * As Designate: a zone inside another project's zone is 403 illegal_child, a zone above another
   * project's zone is 403 illegal_parent (the other project would lose the delegation); in any
   * pool, as Designate's _check_zone_ownership_conflicts.
   */
  /** The LIKE pattern of every name below {@code name}. */
  private static String below(String name) {
    return "%." + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  static final Set<String> FILTERS =
      Set.of("name", "email", "status", "type", "ttl", "description", "pool_id");
  static final List<String> SORT_KEYS =
      List.of("created_at", "id", "updated_at", "name", "tenant_id", "serial", "ttl", "status");
  private static final Map<String, String> SORT_COLUMNS =
      Map.of(
          "created_at", "z.created_at",
          "id", "z.id",
          "updated_at", "coalesce(z.updated_at, timestamp '1970-01-01')",
          "name", "z.name",
          "tenant_id", "z.project_id",
          "serial", "z.serial",
          "ttl", "z.ttl",
          "status", "z.status");

  record Page(List<Zone> zones, long total) {}

  /**
   * Designate's zone list: the caller's zones and those shared with the caller's project (every
   * project's with all-projects), filtered.
   */
  @Transactional(readOnly = true)
  public Page list(Caller caller, ListQuery query) {
    SqlListing listing = new SqlListing("zones z", "z.id");
    if (!caller.allProjects()) {
      listing.scope(
          "(z.project_id = :project or exists (select 1 from zone_shares s"
              + " where s.zone_id = z.id and s.target_project_id = :project))",
          "project",
          caller.projectId());
    }
    UnaryOperator<String> upper = v -> v.toUpperCase(Locale.ROOT);
    SqlListing.Page page =
        listing
            .text("z.name", query.filter("name"), v -> v.toLowerCase(Locale.ROOT), false)
            .text("z.email", query.filter("email"), UnaryOperator.identity(), true)
            .text("z.status", query.filter("status"), upper, false)
            .text("z.type", query.filter("type"), upper, false)
            .integer("z.ttl", "ttl", query.filter("ttl"))
            .text("z.description", query.filter("description"), UnaryOperator.identity(), true)
            .text(
                "z.pool_id::text", query.filter("pool_id"), v -> v.toLowerCase(Locale.ROOT), false)
            .page(jdbc, query, SORT_COLUMNS);
    return new Page(page.load(zones::findAllById, Zone::getId), page.total());
  }

  static ApiException zoneNotFound(UUID id) {
    return ApiException.notFound("zone_not_found", "Could not find Zone " + id);
  }
}
