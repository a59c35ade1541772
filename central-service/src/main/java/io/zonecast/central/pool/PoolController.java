package io.zonecast.central.pool;

import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.Links;
import io.zonecast.model.pool.Pool;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pools of the pools file, read-only, admin only (Designate's find_pools/get_pool policies).
 * Pools are managed in the pools file, as with designate-manage.
 */
@RestController
@RequestMapping(path = "/v2/pools", produces = MediaType.APPLICATION_JSON_VALUE)
class PoolController {

  private final PoolCatalog pools;

  PoolController(PoolCatalog pools) {
    this.pools = pools;
  }

  @GetMapping
  Map<String, Object> list(Caller caller) {
    caller.requireAdmin("list pools");
    List<Pool> all = pools.all();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("pools", all.stream().map(PoolController::json).toList());
    json.put("links", Map.of("self", Links.to("/v2/pools")));
    json.put("metadata", Map.of("total_count", all.size()));
    return json;
  }

  @GetMapping("/{id}")
  Map<String, Object> get(Caller caller, @PathVariable UUID id) {
    caller.requireAdmin("read pools");
    return json(
        pools.all().stream()
            .filter(p -> p.id().equals(id))
            .findFirst()
            .orElseThrow(
                () -> ApiException.notFound("pool_not_found", "Could not find Pool " + id)));
  }

  private static Map<String, Object> json(Pool pool) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", pool.id().toString());
    json.put("name", pool.name());
    json.put("description", pool.description());
    json.put("project_id", null);
    json.put("attributes", pool.attributes().isEmpty() ? null : pool.attributes());
    json.put(
        "ns_records",
        pool.nsRecords().stream()
            .sorted(Comparator.comparingInt(Pool.NsRecord::priority))
            .map(ns -> Map.of("hostname", ns.hostname(), "priority", ns.priority()))
            .toList());
    // pools live in the pools file, not in the database: they have no timestamps
    json.put("created_at", null);
    json.put("updated_at", null);
    json.put("links", Map.of("self", Links.to("/v2/pools/" + pool.id())));
    return json;
  }
}
