package io.zonecast.central.zone;

import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.JsonBody;
import io.zonecast.central.system.Links;
import io.zonecast.central.system.ListQuery;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping(path = "/v2/zones", produces = MediaType.APPLICATION_JSON_VALUE)
class ZoneController {

  private static final Set<String> CREATE_FIELDS =
      Set.of("name", "email", "ttl", "description", "type", "masters", "attributes");
  private static final Set<String> LIST_PARAMETERS = Set.of("limit", "marker", "name", "status");

  private final ZoneService zones;

  ZoneController(ZoneService zones) {
    this.zones = zones;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> create(Caller caller, @RequestBody JsonNode body) {
    JsonBody json = JsonBody.of(body, CREATE_FIELDS);
    String type = json.optionalString("type");
    if (type != null && !type.equalsIgnoreCase("PRIMARY")) {
      throw ApiException.invalidObject("Only PRIMARY zones are supported; type was " + type);
    }
    if (json.has("masters") && !(json.raw("masters").isArray() && json.raw("masters").isEmpty())) {
      throw ApiException.invalidObject("masters may only be given for SECONDARY zones");
    }
    if (json.has("attributes") && !json.raw("attributes").isObject()) {
      throw ApiException.invalidObject("'attributes' must be an object");
    }
    Zone zone =
        zones.create(
            caller,
            new ZoneService.NewZone(
                json.requiredString("name"),
                json.requiredString("email"),
                json.optionalInt("ttl"),
                json.optionalString("description")));
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(ZoneJson.of(zone));
  }

  @GetMapping
  Map<String, Object> list(Caller caller, @RequestParam Map<String, String> parameters) {
    ListQuery query = ListQuery.of(parameters, LIST_PARAMETERS);
    ZoneService.Page page =
        zones.list(
            caller,
            ZoneFilter.of(parameters.get("name"), parameters.get("status")),
            query.limit(),
            query.marker());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("zones", page.zones().stream().map(ZoneJson::of).toList());
    json.put(
        "links",
        query.links(
            Links.to("/v2/zones"),
            page.zones().size(),
            page.zones().isEmpty() ? null : page.zones().getLast().getId()));
    json.put("metadata", Map.of("total_count", page.total()));
    return json;
  }

  @GetMapping("/{id}")
  Map<String, Object> get(Caller caller, @PathVariable UUID id) {
    return ZoneJson.of(zones.get(caller, id));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Map<String, Object>> delete(Caller caller, @PathVariable UUID id) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(ZoneJson.of(zones.delete(caller, id)));
  }
}
