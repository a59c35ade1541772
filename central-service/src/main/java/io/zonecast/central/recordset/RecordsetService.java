package io.zonecast.central.recordset;

import io.zonecast.central.journal.JournalRecord;
import io.zonecast.central.journal.RecordDelta;
import io.zonecast.central.pool.TargetRecordLimits;
import io.zonecast.central.quota.QuotaService;
import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.Descriptions;
import io.zonecast.central.system.ListQuery;
import io.zonecast.central.system.SqlListing;
import io.zonecast.central.system.UniqueViolation;
import io.zonecast.central.zone.Zone;
import io.zonecast.central.zone.ZoneChanges;
import io.zonecast.central.zone.ZoneService;
import io.zonecast.model.zone.ZoneName;
import java.time.Clock;
import java.time.LocalDateTime;
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

/**
 * Recordsets of a project's zones; every change bumps the zone's serial in the same transaction.
 */
@Service
public class RecordsetService {

  private final RecordsetRepository recordsets;
  private final ZoneService zones;
  private final ZoneChanges changes;
  private final Clock clock;
  private final QuotaService quotas;
  private final NamedParameterJdbcTemplate jdbc;
  private final RecordsetNotifications notifications;
  private final TargetRecordLimits targetLimits;
  private final RecordsetRows rows;

  RecordsetService(
      RecordsetRepository recordsets,
      ZoneService zones,
      ZoneChanges changes,
      Clock clock,
      QuotaService quotas,
      NamedParameterJdbcTemplate jdbc,
      RecordsetNotifications notifications,
      TargetRecordLimits targetLimits,
      RecordsetRows rows) {
    this.rows = rows;
    this.recordsets = recordsets;
    this.zones = zones;
    this.changes = changes;
    this.clock = clock;
    this.quotas = quotas;
    this.jdbc = jdbc;
    this.notifications = notifications;
    this.targetLimits = targetLimits;
  }

  record NewRecordset(
      String name, String type, List<String> records, Integer ttl, String description) {}

  /**
   * A recordset just written and the name of its zone (for the answer, without reading it again).
   */
  record Written(Recordset recordset, String zoneName) {}

  @Transactional
  public Written create(Caller caller, UUID zoneId, NewRecordset request) {
    Zone zone = zones.lockForRecordsetChange(caller, zoneId, "create_recordset");
    ZoneName zoneName = ZoneName.parse(zone.getName());
    String name = RecordsetName.check(request.name(), zoneName);
    if (request.type() == null) {
      throw ApiException.invalidObject("'type' is a required property");
    }
    String type = RecordData.type(request.type());
    if (type.equals("SOA")) {
      throw ApiException.badRequest("bad_request", "SOA recordsets are managed by zonecast");
    }
    if (type.equals("NS") && name.equals(zone.getName())) {
      throw ApiException.badRequest("bad_request", "The apex NS recordset is managed by zonecast");
    }
    if (request.ttl() != null && request.ttl() < 0) {
      throw ApiException.badRequest("invalid_ttl", "ttl must be between 0 and 2147483647");
    }
    List<String> data = RecordData.normalize(type, name, zone.getName(), request.records());
    List<String> sameName = checkCname(zone, name, type, data);
    if (sameName.contains(type)) {
      throw ApiException.conflict(
          "duplicate_recordset", "A " + type + " recordset named " + name + " already exists");
    }
    quotas.enforceRecordset(zone.getId(), zone.getProjectId(), null, data.size());
    targetLimits.enforce(zone.getPoolId(), name, type, data.size());
    RecordDelta delta =
        RecordDelta.added(JournalRecord.of(name, type, servedTtl(request.ttl(), zone), data));
    long serial = changes.changed(zone, delta, caller.context());
    Recordset recordset =
        new Recordset(
            zone.getId(),
            creatingProject(caller, zone),
            name,
            type,
            request.ttl(),
            Descriptions.check(request.description()),
            false,
            serial,
            data,
            LocalDateTime.now(clock));
    try {
      rows.insert(List.of(recordset));
    } catch (DataIntegrityViolationException e) {
      if (UniqueViolation.of(e, "recordsets_zone_name_type_key")) {
        throw ApiException.conflict(
            "duplicate_recordset", "A " + type + " recordset named " + name + " already exists");
      }
      throw e;
    }
    notifications.emit("create", recordset, zone, caller);
    return new Written(recordset, zone.getName());
  }

  record RecordsetUpdate(
      List<String> records,
      boolean ttlGiven,
      Integer ttl,
      boolean descriptionGiven,
      String description) {}

  @Transactional
  public Recordset update(Caller caller, UUID zoneId, UUID id, RecordsetUpdate update) {
    return update(caller, zoneId, id, update, false);
  }

  /**
   * @param editManaged the caller sent X-Designate-Edit-Managed-Records: True, which lets an admin
   *     change the apex NS recordset (the SOA always follows the zone)
   */
  @Transactional
  public Recordset update(
      Caller caller, UUID zoneId, UUID id, RecordsetUpdate update, boolean editManaged) {
    Zone zone = zones.lockForRecordsetChange(caller, zoneId, "update_recordset");
    Recordset recordset = find(zone, id);
    requireChangeable(caller, zone, recordset);
    if (recordset.isManaged()) {
      if (!editManaged) {
        refuseManaged(recordset);
      }
      caller.requireAdmin("change a managed recordset");
      if (recordset.getType().equals("SOA")) {
        throw ApiException.badRequest(
            "bad_request",
            "The SOA recordset follows the zone: change the zone's email or ttl instead");
      }
    }
    if (update.ttlGiven() && update.ttl() != null && update.ttl() < 0) {
      throw ApiException.badRequest("invalid_ttl", "ttl must be between 0 and 2147483647");
    }
    List<String> data =
        update.records() == null
            ? recordset.data()
            : RecordData.normalize(
                recordset.getType(), recordset.getName(), zone.getName(), update.records());
    if (recordset.getType().equals("CNAME") && data.size() > 1) {
      throw ApiException.badRequest("bad_request", "A CNAME recordset has exactly one record");
    }
    quotas.enforceRecordset(zone.getId(), zone.getProjectId(), recordset.getId(), data.size());
    targetLimits.enforce(zone.getPoolId(), recordset.getName(), recordset.getType(), data.size());
    Integer ttl = update.ttlGiven() ? update.ttl() : recordset.getTtl();
    RecordDelta delta =
        RecordDelta.between(
            served(recordset, recordset.getTtl(), recordset.data(), zone),
            served(recordset, ttl, data, zone));
    long serial = changes.changed(zone, delta, caller.context());
    recordset.replace(
        data,
        ttl,
        update.descriptionGiven()
            ? Descriptions.check(update.description())
            : recordset.getDescription(),
        serial,
        LocalDateTime.now(clock));
    Recordset saved = recordsets.saveAndFlush(recordset);
    notifications.emit("update", saved, zone, caller);
    return saved;
  }

  @Transactional
  public Recordset delete(Caller caller, UUID zoneId, UUID id) {
    Zone zone = zones.lockForRecordsetChange(caller, zoneId, "delete_recordset");
    Recordset recordset = find(zone, id);
    requireChangeable(caller, zone, recordset);
    refuseManaged(recordset);
    RecordDelta delta =
        RecordDelta.removed(served(recordset, recordset.getTtl(), recordset.data(), zone));
    long serial = changes.changed(zone, delta, caller.context());
    recordsets.delete(recordset);
    recordset.markDeleted(serial, LocalDateTime.now(clock));
    notifications.emit("delete", recordset, zone, caller);
    return recordset;
  }

  /**
   * The project a new recordset belongs to: the zone's, unless a project the zone is shared with
   * creates it (then that project's, so it can manage it; Designate keeps the creating project).
   */
  private static String creatingProject(Caller caller, Zone zone) {
    return caller.canSee(zone.getProjectId()) ? zone.getProjectId() : caller.projectId();
  }

  /**
   * Designate's update_recordset / delete_recordset policies: the zone's project and admins change
   * every recordset; a project the zone is shared with only those it created (else 403).
   */
  private static void requireChangeable(Caller caller, Zone zone, Recordset recordset) {
    if (!caller.canSee(zone.getProjectId())
        && !caller.isAdmin()
        && !recordset.getProjectId().equals(caller.projectId())) {
      throw ApiException.forbidden(
          "Only the zone's project or the project that created recordset "
              + recordset.getId()
              + " may change it");
    }
  }

  /** The RRs of a recordset as MiniDNS serves them: without a TTL of its own, at the zone's. */
  private static List<JournalRecord> served(
      Recordset recordset, Integer ttl, List<String> data, Zone zone) {
    return JournalRecord.of(recordset.getName(), recordset.getType(), servedTtl(ttl, zone), data);
  }

  private static long servedTtl(Integer ttl, Zone zone) {
    return ttl == null ? zone.getTtl() : ttl;
  }

  private Recordset find(Zone zone, UUID id) {
    return recordsets
        .findById(id)
        .filter(r -> r.getZoneId().equals(zone.getId()))
        .orElseThrow(
            () -> ApiException.notFound("recordset_not_found", "Could not find RecordSet " + id));
  }

  private static void refuseManaged(Recordset recordset) {
    if (recordset.isManaged()) {
      throw ApiException.badRequest(
          "bad_request",
          "The "
              + recordset.getType()
              + " recordset at the apex is managed by zonecast (an admin may change the NS"
              + " recordset with X-Designate-Edit-Managed-Records: True)");
    }
  }

  /**
   * RFC 1034 section 3.6.2 / RFC 2181 section 10.1: a CNAME is alone at its name, not at the apex.
   */
  /** Refuses a CNAME beside other recordsets of its name; returns the types of the name's. */
  private List<String> checkCname(Zone zone, String name, String type, List<String> data) {
    if (type.equals("CNAME")) {
      if (name.equals(zone.getName())) {
        throw ApiException.badRequest(
            "invalid_recordset_location", "A CNAME recordset cannot be at the zone apex");
      }
      if (data.size() > 1) {
        throw ApiException.badRequest("bad_request", "A CNAME recordset has exactly one record");
      }
    }
    List<String> sameName =
        jdbc.getJdbcTemplate()
            .queryForList(
                "select type from recordsets where zone_id = ? and name = ?",
                String.class,
                zone.getId(),
                name);
    for (String existing : sameName) {
      if (type.equals("CNAME") || existing.equals("CNAME")) {
        throw ApiException.badRequest(
            "invalid_recordset_location",
            "CNAME recordsets may not share a name with any other recordset (" + name + ")");
      }
    }
    return sameName;
  }

  static final Set<String> FILTERS = Set.of("name", "type", "ttl", "data", "status", "description");
  static final List<String> SORT_KEYS =
      List.of("created_at", "id", "updated_at", "zone_id", "tenant_id", "name", "type", "ttl");

  /** Designate's cross-zone list does not sort by id. */
  static final List<String> CROSS_ZONE_SORT_KEYS =
      List.of("created_at", "updated_at", "zone_id", "tenant_id", "name", "type", "ttl");

  private static final Map<String, String> SORT_COLUMNS =
      Map.of(
          "created_at", "r.created_at",
          "id", "r.id",
          "updated_at", "coalesce(r.updated_at, timestamp '1970-01-01')",
          "zone_id", "r.zone_id",
          "tenant_id", "r.project_id",
          "name", "r.name",
          "type", "r.type",
          "ttl", "coalesce(r.ttl, -1)");

  /**
   * A page of recordsets with the names of their zones.
   *
   * @param total how many recordsets the filters select, all pages together
   */
  record Page(List<Recordset> recordsets, Map<UUID, String> zoneNames, long total) {}

  /** The recordsets of one of the caller's zones (404 for a zone they cannot see). */
  @Transactional(readOnly = true)
  public Page list(Caller caller, UUID zoneId, ListQuery query) {
    Zone zone = zones.getOwnedOrShared(caller, zoneId);
    SqlListing listing =
        new SqlListing("recordsets r", "r.id").scope("r.zone_id = :zone", "zone", zone.getId());
    return page(listing, query, Map.of(zone.getId(), zone.getName()));
  }

  /** Designate's {@code GET /v2/recordsets}: the recordsets of all the caller's zones. */
  @Transactional(readOnly = true)
  public Page listAll(Caller caller, ListQuery query) {
    SqlListing listing = new SqlListing("recordsets r", "r.id");
    if (!caller.allProjects()) {
      listing.scope("r.project_id = :project", "project", caller.projectId());
    }
    return page(listing, query, null);
  }

  private Page page(SqlListing listing, ListQuery query, Map<UUID, String> zoneNames) {
    UnaryOperator<String> upper = v -> v.toUpperCase(Locale.ROOT);
    SqlListing.Page page =
        listing
            .text("r.name", query.filter("name"), v -> v.toLowerCase(Locale.ROOT), false)
            .text("r.type", query.filter("type"), upper, false)
            .integer("r.ttl", "ttl", query.filter("ttl"))
            .textExists("records d", "d.recordset_id = r.id", "d.data", query.filter("data"), true)
            .text(CreatingZone.SHOWN_STATUS_SQL, query.filter("status"), upper, false)
            .text("r.description", query.filter("description"), UnaryOperator.identity(), true)
            .page(jdbc, query, SORT_COLUMNS);
    List<Recordset> ordered = page.load(recordsets::findWithRecords, Recordset::getId);
    Map<UUID, String> names =
        zoneNames != null
            ? zoneNames
            : zones.names(ordered.stream().map(Recordset::getZoneId).collect(Collectors.toSet()));
    return new Page(ordered, names, page.total());
  }

  /**
   * A recordset of any zone the caller can see, by id alone: its own, or one of a zone the caller
   * owns or that is shared with it (as Designate's get_recordset without a zone).
   */
  @Transactional(readOnly = true)
  public Recordset find(Caller caller, UUID id) {
    return recordsets
        .findById(id)
        .filter(
            r -> caller.canSee(r.getProjectId()) || zones.isOwnedOrShared(caller, r.getZoneId()))
        .orElseThrow(
            () -> ApiException.notFound("recordset_not_found", "Could not find RecordSet " + id));
  }

  @Transactional(readOnly = true)
  public Recordset get(Caller caller, UUID zoneId, UUID id) {
    return find(zones.getOwnedOrShared(caller, zoneId), id);
  }

  @Transactional(readOnly = true)
  public String zoneName(Caller caller, UUID zoneId) {
    return zones.getOwnedOrShared(caller, zoneId).getName();
  }
}
