package io.zonecast.central.recordset;

import io.zonecast.central.system.ApiTime;
import io.zonecast.central.system.Links;
import io.zonecast.central.system.ListJson;
import io.zonecast.central.system.ListQuery;
import java.util.LinkedHashMap;
import java.util.Map;

/** A recordset in the JSON shape of Designate's v2 API. */
final class RecordsetJson {

  private RecordsetJson() {}

  static Map<String, Object> of(Recordset recordset, String zoneName) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", recordset.getId().toString());
    json.put("zone_id", recordset.getZoneId().toString());
    json.put("zone_name", zoneName);
    json.put("project_id", recordset.getProjectId());
    json.put("name", recordset.getName());
    json.put("type", recordset.getType());
    json.put("records", recordset.data());
    json.put("ttl", recordset.getTtl());
    json.put("description", recordset.getDescription());
    json.put("status", recordset.getStatus());
    json.put("action", recordset.getAction());
    json.put("version", recordset.getVersion() + 1);
    json.put("created_at", ApiTime.format(recordset.getCreatedAt()));
    json.put("updated_at", ApiTime.format(recordset.getUpdatedAt()));
    json.put(
        "links",
        Map.of(
            "self",
            Links.to("/v2/zones/" + recordset.getZoneId() + "/recordsets/" + recordset.getId())));
    return json;
  }

  /** A list page: {@code recordsets}, {@code links} and {@code metadata.total_count}. */
  static Map<String, Object> page(RecordsetService.Page page, ListQuery query, String base) {
    return ListJson.of(
        "recordsets",
        page.recordsets(),
        r -> of(r, page.zoneNames().get(r.getZoneId())),
        Recordset::getId,
        page.total(),
        query,
        base);
  }
}
