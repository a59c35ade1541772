package io.zonecast.central.zone;

import io.zonecast.central.pool.PoolCatalog;
import io.zonecast.central.scheduler.ZoneAttributes;
import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.JsonBody;
import io.zonecast.central.system.Links;
import io.zonecast.central.system.ListJson;
import io.zonecast.central.system.ListQuery;
import io.zonecast.model.pool.Pool;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping(path = "/v2/zones", produces = MediaType.APPLICATION_JSON_VALUE)
class ZoneController {

  private static final Set<String> CREATE_FIELDS =
      Set.of("name", "email", "ttl", "description", "type", "masters", "attributes");

  private static final Set<String> UPDATE_FIELDS =
      Set.of("email", "ttl", "description", "name", "type", "project_id", "pool_id", "masters");

  private final ZoneService zones;
  private final PoolCatalog pools;

  ZoneController(ZoneService zones, PoolCatalog pools) {
    this.zones = zones;
    this.pools = pools;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> create(Caller caller, @RequestBody JsonNode body) {
    JsonBody json = JsonBody.of(body, CREATE_FIELDS);
    String type = json.optionalString("type");
    if (type != null && type.equalsIgnoreCase("SECONDARY")) {
      return createSecondary(caller, json);
    }
    if (type != null && !type.equalsIgnoreCase("PRIMARY")) {
      throw ApiException.invalidObject("'" + type + "' is not one of ['SECONDARY', 'PRIMARY']");
    }
    if (json.has("masters") && !(json.raw("masters").isArray() && json.raw("masters").isEmpty())) {
      throw ApiException.invalidObject("'masters' has more items than allowed");
    }
    Zone zone =
        zones.create(
            caller,
            new ZoneService.NewZone(
                json.requiredString("name"),
                json.requiredString("email"),
                json.optionalInt("ttl"),
                json.optionalString("description"),
                attributes(json)));
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(ZoneJson.of(zone));
  }

  /** Designate's rules: masters required, email and ttl not allowed (the master's SOA rules). */
  private ResponseEntity<Map<String, Object>> createSecondary(Caller caller, JsonBody json) {
    for (String field : List.of("email", "ttl")) {
      if (json.present(field)) {
        throw ApiException.invalidObject(
            "'" + field + "' can't be specified when type is SECONDARY");
      }
    }
    if (!json.has("masters")) {
      throw ApiException.invalidObject("'masters' is a required property");
    }
    Zone zone =
        zones.createSecondary(
            caller,
            new ZoneService.NewSecondaryZone(
                json.requiredString("name"),
                json.requiredStringList("masters"),
                json.optionalString("description"),
                attributes(json)));
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(ZoneJson.of(zone));
  }

  /** Designate's {@code POST /v2/zones/{id}/tasks/xfr}: 202, no body; MiniDNS pulls the zone. */
  @PostMapping("/{id}/tasks/xfr")
  ResponseEntity<Void> transferNow(Caller caller, @PathVariable UUID id) {
    zones.requestTransfer(caller, id);
    return ResponseEntity.status(HttpStatus.ACCEPTED).build();
  }

  private static ZoneAttributes attributes(JsonBody json) {
    return json.has("attributes")
        ? ZoneAttributes.fromJson(json.raw("attributes"))
        : ZoneAttributes.none();
  }

  @GetMapping
  Map<String, Object> list(Caller caller, @RequestParam MultiValueMap<String, String> parameters) {
    ListQuery query = ListQuery.of(parameters, ZoneService.FILTERS, ZoneService.SORT_KEYS, caller);
    ZoneService.Page page = zones.list(caller, query);
    return ListJson.of(
        "zones",
        page.zones(),
        ZoneJson::of,
        Zone::getId,
        page.total(),
        query,
        Links.to("/v2/zones"));
  }

  @GetMapping("/{id}")
  Map<String, Object> get(Caller caller, @PathVariable UUID id) {
    return ZoneJson.of(zones.getOwnedOrShared(caller, id));
  }

  @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> update(
      Caller caller, @PathVariable UUID id, @RequestBody JsonNode body) {
    JsonBody json = JsonBody.of(body, UPDATE_FIELDS);
    for (String immutable : List.of("name", "type", "project_id", "pool_id")) {
      if (json.present(immutable)) {
        throw ApiException.badRequest("bad_request", "A zone's " + immutable + " cannot change");
      }
    }
    Zone zone =
        zones.update(
            caller,
            id,
            new ZoneService.ZoneUpdate(
                json.present("email"),
                json.optionalString("email"),
                json.present("ttl"),
                json.optionalInt("ttl"),
                json.present("description"),
                json.optionalString("description"),
                json.present("masters"),
                json.present("masters") ? json.requiredStringList("masters") : null));
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(ZoneJson.of(zone));
  }

  @GetMapping("/{id}/nameservers")
  Map<String, Object> nameservers(Caller caller, @PathVariable UUID id) {
    Zone zone = zones.getOwnedOrShared(caller, id);
    if (!caller.canSee(zone.getProjectId()) && !caller.isAdmin()) {
      // Designate's get_zone_ns_records policy: admin or the zone's project
      throw ApiException.forbidden("Only the zone's project may read its nameservers");
    }
    return Map.of(
        "nameservers",
        pools.pool(zone.getPoolId()).nsRecords().stream()
            .sorted(Comparator.comparingInt(Pool.NsRecord::priority))
            .map(ns -> Map.of("hostname", ns.hostname(), "priority", ns.priority()))
            .toList());
  }

  /** Designate's header for deleting a zone together with its shares. */
  static final String DELETE_SHARES = "X-Designate-Delete-Shares";

  /**
   * {@code X-Designate-Delete-Shares} is read as oslo's bool_from_string (true/yes/on/1/y/t), as
   * Designate's API middleware does; the query parameter {@code delete_shares} is taken as well.
   */
  @DeleteMapping("/{id}")
  ResponseEntity<Map<String, Object>> delete(
      Caller caller,
      @PathVariable UUID id,
      @RequestHeader(value = DELETE_SHARES, required = false) String deleteSharesHeader,
      @RequestParam(value = "delete_shares", required = false) String deleteSharesParameter) {
    boolean deleteShares = isTrue(deleteSharesHeader) || isTrue(deleteSharesParameter);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(ZoneJson.of(zones.delete(caller, id, deleteShares)));
  }

  private static boolean isTrue(String value) {
    return value != null
        && Set.of("1", "t", "true", "on", "y", "yes")
            .contains(value.strip().toLowerCase(Locale.ROOT));
  }
}
