package io.zonecast.central.dnssec;

import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.ApiTime;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.JsonBody;
import io.zonecast.central.system.Links;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** zonecast's own DNSSEC resource of a zone: {@code /v2/zones/{zone_id}/dnssec}. */
@RestController
@RequestMapping(path = "/v2/zones/{zoneId}/dnssec", produces = MediaType.APPLICATION_JSON_VALUE)
class DnssecController {

  private static final Set<String> FIELDS = Set.of("enabled", "algorithm", "nsec3");

  private final DnssecService dnssec;

  DnssecController(DnssecService dnssec) {
    this.dnssec = dnssec;
  }

  @GetMapping
  Map<String, Object> get(Caller caller, @PathVariable UUID zoneId) {
    return json(dnssec.get(caller, zoneId));
  }

  @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> put(
      Caller caller, @PathVariable UUID zoneId, @RequestBody JsonNode body) {
    JsonBody json = JsonBody.of(body, FIELDS);
    JsonNode enabled = json.raw("enabled");
    if (enabled == null || !enabled.isBoolean()) {
      throw ApiException.invalidObject("'enabled' is a required boolean property");
    }
    DnssecService.Status status;
    if (enabled.asBoolean()) {
      String algorithm = json.optionalString("algorithm");
      JsonNode nsec3 = json.raw("nsec3");
      if (nsec3 != null && !nsec3.isNull() && !nsec3.isBoolean()) {
        throw ApiException.invalidObject("'nsec3' must be a boolean");
      }
      status =
          dnssec.enable(
              caller,
              zoneId,
              algorithm == null
                  ? DnssecAlgorithm.ECDSAP256SHA256
                  : DnssecAlgorithm.parse(algorithm),
              nsec3 == null || nsec3.isNull() || nsec3.asBoolean());
    } else {
      if (json.has("algorithm") || json.has("nsec3")) {
        throw ApiException.invalidObject("'algorithm' and 'nsec3' go only with enabled: true");
      }
      status = dnssec.disable(caller, zoneId);
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(json(status));
  }

  @PostMapping(path = "/rollover", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> rollover(
      Caller caller, @PathVariable UUID zoneId, @RequestBody JsonNode body) {
    JsonBody json = JsonBody.of(body, Set.of("role"));
    String role = json.requiredString("role");
    if (!role.equals("ZSK") && !role.equals("KSK")) {
      throw ApiException.invalidObject("role must be ZSK or KSK");
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(json(dnssec.rollover(caller, zoneId, ZoneKey.Role.valueOf(role))));
  }

  /**
   * {@code POST .../dnssec/checkds {"ds": "published", "key_tag": 12345}}: the operator says the
   * parent publishes the DS of the new KSK of a rollover ({@code key_tag} optional), as BIND's
   * {@code rndc dnssec -checkds published}.
   */
  @PostMapping(path = "/checkds", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> checkds(
      Caller caller, @PathVariable UUID zoneId, @RequestBody JsonNode body) {
    JsonBody json = JsonBody.of(body, Set.of("ds", "key_tag"));
    if (!"published".equals(json.requiredString("ds"))) {
      throw ApiException.invalidObject(
          "'ds' must be \"published\": say so once the parent zone publishes the new KSK's DS");
    }
    JsonNode keyTag = json.raw("key_tag");
    if (keyTag != null && !keyTag.isNull() && !keyTag.isInt()) {
      throw ApiException.invalidObject("'key_tag' must be an integer");
    }
    Integer tag = keyTag == null || keyTag.isNull() ? null : keyTag.asInt();
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(json(dnssec.dsPublished(caller, zoneId, tag)));
  }

  static Map<String, Object> json(DnssecService.Status status) {
    Map<String, Object> json = new LinkedHashMap<>();
    var settings = status.settings();
    json.put("enabled", settings.map(s -> s.state().equals(DnssecService.SIGNED)).orElse(false));
    json.put("signing", settings.map(DnssecService.Settings::state).orElse("UNSIGNED"));
    json.put("status", status.zone().getStatus().name());
    json.put("algorithm", settings.map(s -> s.algorithm().name()).orElse(null));
    json.put("nsec3", settings.map(DnssecService.Settings::nsec3).orElse(null));
    List<Map<String, Object>> keys = new ArrayList<>();
    List<String> ds = new ArrayList<>();
    for (ZoneKey key : status.keys()) {
      Map<String, Object> k = new LinkedHashMap<>();
      k.put("id", key.id().toString());
      k.put("role", key.role().name());
      k.put("key_tag", key.keyTag());
      k.put("flags", key.dnskey().getFlags());
      k.put("algorithm", key.algorithm().name());
      k.put("state", key.state());
      k.put("dnskey", key.dnskey().rdataToString());
      k.put("created_at", ApiTime.format(key.createdAt()));
      k.put("published_at", ApiTime.format(key.publishedAt()));
      k.put("active_at", ApiTime.format(key.activeAt()));
      k.put("retire_at", ApiTime.format(key.retireAt()));
      k.put("remove_at", ApiTime.format(key.removeAt()));
      k.put("ds_published_at", ApiTime.format(key.dsPublishedAt()));
      keys.add(k);
      if (key.dsWanted()
          && settings.map(s -> s.state().equals(DnssecService.SIGNED)).orElse(false)) {
        ds.add(key.ds());
      }
    }
    json.put("keys", keys);
    json.put("ds", ds);
    json.put("links", Map.of("self", Links.to("/v2/zones/" + status.zone().getId() + "/dnssec")));
    return json;
  }
}
