package io.zonecast.central.zonefile;

import io.zonecast.central.system.ApiTime;
import io.zonecast.central.system.Links;
import java.util.LinkedHashMap;
import java.util.Map;

/** Zone imports and exports in the JSON shape of Designate's v2 API. */
final class ZoneTaskJson {

  static final String IMPORTS = "/v2/zones/tasks/imports";
  static final String EXPORTS = "/v2/zones/tasks/exports";

  private ZoneTaskJson() {}

  static Map<String, Object> ofImport(ZoneTask task) {
    Map<String, Object> links = new LinkedHashMap<>();
    links.put("self", Links.to(IMPORTS + "/" + task.id()));
    if (task.zoneId() != null) {
      links.put("href", Links.to("/v2/zones/" + task.zoneId()));
    }
    return common(task, links);
  }

  static Map<String, Object> ofExport(ZoneTask task) {
    Map<String, Object> links = new LinkedHashMap<>();
    links.put("self", Links.to(EXPORTS + "/" + task.id()));
    if (task.location() != null) {
      links.put("export", Links.to(EXPORTS + "/" + task.id() + "/export"));
    }
    Map<String, Object> json = common(task, links);
    json.put("location", task.location());
    return json;
  }

  private static Map<String, Object> common(ZoneTask task, Map<String, Object> links) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", task.id().toString());
    json.put("status", task.status().name());
    json.put("message", task.message());
    json.put("zone_id", task.zoneId() == null ? null : task.zoneId().toString());
    json.put("project_id", task.projectId());
    json.put("version", task.version());
    json.put("created_at", ApiTime.format(task.createdAt()));
    json.put("updated_at", ApiTime.format(task.updatedAt()));
    json.put("links", links);
    return json;
  }
}
