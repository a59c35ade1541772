package io.zonecast.central.transfer;

import io.zonecast.central.system.ApiTime;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.Links;
import java.util.LinkedHashMap;
import java.util.Map;

/** Transfer requests and accepts in the JSON shape of Designate's v2 API adapters. */
final class TransferJson {

  static final String REQUESTS = "/v2/zones/tasks/transfer_requests";
  static final String ACCEPTS = "/v2/zones/tasks/transfer_accepts";

  private TransferJson() {}

  /**
   * Everything for the owner and the target; for anyone else (a request without target, read by id)
   * only the fields Designate's adapter leaves unprotected: id, zone_id, zone_name, description,
   * status and links.
   */
  static Map<String, Object> of(TransferRequest request, Caller caller) {
    boolean detailed = request.isDetailedFor(caller);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", request.id().toString());
    if (detailed) {
      json.put("key", request.key());
      json.put("project_id", request.projectId());
      json.put("target_project_id", request.targetProjectId());
    }
    json.put("zone_id", request.zoneId().toString());
    json.put("zone_name", request.zoneName());
    json.put("status", request.status());
    json.put("description", request.description());
    if (detailed) {
      json.put("created_at", ApiTime.format(request.createdAt()));
      json.put("updated_at", ApiTime.format(request.updatedAt()));
    }
    json.put("links", Map.of("self", Links.to(REQUESTS + "/" + request.id())));
    return json;
  }

  static Map<String, Object> of(TransferAccept accept) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", accept.id().toString());
    json.put("zone_transfer_request_id", accept.requestId().toString());
    json.put("project_id", accept.projectId());
    json.put("key", accept.key());
    json.put("status", accept.status());
    json.put("zone_id", accept.zoneId().toString());
    json.put("created_at", ApiTime.format(accept.createdAt()));
    json.put("updated_at", ApiTime.format(accept.updatedAt()));
    Map<String, Object> links = new LinkedHashMap<>();
    links.put("self", Links.to(ACCEPTS + "/" + accept.id()));
    links.put("zone", Links.to("/v2/zones/" + accept.zoneId()));
    json.put("links", links);
    return json;
  }

  /** The notification payload: the object's fields by their storage names. */
  static Map<String, Object> payload(TransferRequest request) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", request.id().toString());
    json.put("version", request.version());
    json.put("created_at", ApiTime.format(request.createdAt()));
    json.put("updated_at", ApiTime.format(request.updatedAt()));
    json.put("key", request.key());
    json.put("zone_id", request.zoneId().toString());
    json.put("zone_name", request.zoneName());
    json.put("description", request.description());
    json.put("tenant_id", request.projectId());
    json.put("target_tenant_id", request.targetProjectId());
    json.put("status", request.status());
    return json;
  }

  static Map<String, Object> payload(TransferAccept accept) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", accept.id().toString());
    json.put("version", accept.version());
    json.put("created_at", ApiTime.format(accept.createdAt()));
    json.put("updated_at", ApiTime.format(accept.updatedAt()));
    json.put("zone_transfer_request_id", accept.requestId().toString());
    json.put("tenant_id", accept.projectId());
    json.put("status", accept.status());
    json.put("key", accept.key());
    json.put("zone_id", accept.zoneId().toString());
    return json;
  }
}
