package io.zonecast.central.share;

import io.zonecast.central.system.ApiTime;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.JsonBody;
import io.zonecast.central.system.Links;
import io.zonecast.central.system.ListJson;
import io.zonecast.central.system.ListQuery;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Designate's shared zones (API v2.1): {@code /v2/zones/{zone_id}/shares[/{zone_share_id}]}. */
@RestController
@RequestMapping(path = "/v2/zones/{zoneId}/shares", produces = MediaType.APPLICATION_JSON_VALUE)
class ZoneShareController {

  private static final Set<String> FIELDS = Set.of("target_project_id");

  private final ZoneShareService shares;

  ZoneShareController(ZoneShareService shares) {
    this.shares = shares;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> share(
      Caller caller, @PathVariable UUID zoneId, @RequestBody JsonNode body) {
    JsonBody json = JsonBody.of(body, FIELDS);
    ZoneShare share = shares.share(caller, zoneId, json.requiredString("target_project_id"));
    return ResponseEntity.status(HttpStatus.CREATED).body(json(share));
  }

  @GetMapping
  Map<String, Object> list(
      Caller caller,
      @PathVariable UUID zoneId,
      @RequestParam MultiValueMap<String, String> parameters) {
    ListQuery query =
        ListQuery.of(parameters, ZoneShareService.FILTERS, ZoneShareService.SORT_KEYS, caller);
    ZoneShareService.Page page = shares.list(caller, zoneId, query);
    return ListJson.of(
        "shared_zones",
        page.shares(),
        ZoneShareController::json,
        ZoneShare::id,
        page.total(),
        query,
        Links.to("/v2/zones/" + zoneId + "/shares"));
  }

  @GetMapping("/{shareId}")
  Map<String, Object> get(Caller caller, @PathVariable UUID zoneId, @PathVariable UUID shareId) {
    return json(shares.get(caller, zoneId, shareId));
  }

  @DeleteMapping("/{shareId}")
  ResponseEntity<Void> unshare(
      Caller caller, @PathVariable UUID zoneId, @PathVariable UUID shareId) {
    shares.unshare(caller, zoneId, shareId);
    return ResponseEntity.noContent().build();
  }

  /** Designate's SharedZoneAPIv2Adapter: the share and links to itself and to its zone. */
  static Map<String, Object> json(ZoneShare share) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", share.id().toString());
    json.put("zone_id", share.zoneId().toString());
    json.put("project_id", share.projectId());
    json.put("target_project_id", share.targetProjectId());
    json.put("created_at", ApiTime.format(share.createdAt()));
    json.put("updated_at", ApiTime.format(share.updatedAt()));
    json.put(
        "links",
        Map.of(
            "self",
            Links.to("/v2/zones/" + share.zoneId() + "/shares/" + share.id()),
            "zone",
            Links.to("/v2/zones/" + share.zoneId())));
    return json;
  }
}
