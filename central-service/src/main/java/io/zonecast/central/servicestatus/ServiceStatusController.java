package io.zonecast.central.servicestatus;

import io.zonecast.central.system.Caller;
import io.zonecast.central.system.Links;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /v2/service_statuses}: every central-service, pool-manager and minidns instance with
 * its last heartbeat, in Designate's shape; admin only, as in Designate. A pool manager's {@code
 * stats.targets} holds the last heartbeat of each nameserver (up, serial lag, last error).
 */
@RestController
@RequestMapping(path = "/v2/service_statuses", produces = MediaType.APPLICATION_JSON_VALUE)
class ServiceStatusController {

  private final ServiceStatuses statuses;

  ServiceStatusController(ServiceStatuses statuses) {
    this.statuses = statuses;
  }

  @GetMapping
  Map<String, Object> list(Caller caller) {
    caller.requireAdmin("list service statuses");
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("service_statuses", statuses.all().stream().map(this::json).toList());
    json.put("links", Map.of("self", Links.to("/v2/service_statuses")));
    return json;
  }

  @GetMapping("/{id}")
  Map<String, Object> get(Caller caller, @PathVariable UUID id) {
    caller.requireAdmin("show service statuses");
    return json(statuses.get(id));
  }

  private Map<String, Object> json(ServiceStatuses.ServiceStatus status) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", status.id().toString());
    json.put("hostname", status.hostname());
    json.put("service_name", status.serviceName());
    json.put("status", status.status());
    json.put("stats", JsonMapper.shared().readTree(status.statsJson()));
    json.put("capabilities", JsonMapper.shared().readTree(status.capabilitiesJson()));
    json.put("heartbeated_at", status.heartbeatedAt());
    json.put("created_at", status.createdAt());
    json.put("updated_at", status.updatedAt());
    json.put("links", Map.of("self", Links.to("/v2/service_statuses/" + status.id())));
    return json;
  }
}
