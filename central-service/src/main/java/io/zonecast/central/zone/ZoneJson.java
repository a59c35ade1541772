package io.zonecast.central.zone;

import io.zonecast.central.system.ApiTime;
import io.zonecast.central.system.Links;
import java.util.LinkedHashMap;
import java.util.Map;

/** A zone in the JSON shape of Designate's v2 API. */
final class ZoneJson {

  private ZoneJson() {}

  static Map<String, Object> of(Zone zone) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", zone.getId().toString());
    json.put("pool_id", zone.getPoolId().toString());
    json.put("project_id", zone.getProjectId());
    json.put("name", zone.getName());
    json.put("email", zone.getEmail());
    json.put("ttl", zone.getTtl());
    json.put("serial", zone.getSerial());
    json.put("status", zone.getStatus().name());
    json.put("action", zone.getAction().name());
    json.put("description", zone.getDescription());
    json.put("masters", zone.getMasters());
    json.put("type", zone.getType());
    json.put("transferred_at", ApiTime.format(zone.getTransferredAt()));
    json.put("version", zone.getVersion() + 1);
    json.put("created_at", ApiTime.format(zone.getCreatedAt()));
    json.put("updated_at", ApiTime.format(zone.getUpdatedAt()));
    json.put("attributes", zone.getAttributes());
    json.put("shared", zone.isShared());
    json.put("status_message", zone.getStatusMessage());
    json.put("links", Map.of("self", Links.to("/v2/zones/" + zone.getId())));
    return json;
  }
}
