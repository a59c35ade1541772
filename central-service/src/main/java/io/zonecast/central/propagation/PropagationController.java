package io.zonecast.central.propagation;

import io.zonecast.central.pool.PoolCatalog;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.Links;
import io.zonecast.central.zone.Zone;
import io.zonecast.central.zone.ZoneService;
import io.zonecast.model.pool.Pool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v2/zones/{id}/propagation}: how far the zone's newest change got, per nameserver of
 * its pool (the serial it was last seen serving and the outcome of its last poll), as the pool
 * manager recorded it. A zonecast extension; a zone of another project is 404 like every zone
 * endpoint.
 */
@RestController
class PropagationController {

  private final ZoneService zones;
  private final PoolCatalog pools;
  private final PropagationState state;

  PropagationController(ZoneService zones, PoolCatalog pools, PropagationState state) {
    this.zones = zones;
    this.pools = pools;
    this.state = state;
  }

  @GetMapping(path = "/v2/zones/{id}/propagation", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> get(Caller caller, @PathVariable UUID id) {
    Zone zone = zones.get(caller, id);
    Optional<PropagationState.ZoneRow> propagation = state.zone(id);
    Map<String, PropagationState.NameserverRow> seen = state.nameservers(id);

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("zone_id", zone.getId().toString());
    json.put("zone_name", zone.getName());
    json.put("serial", zone.getSerial());
    json.put("status", zone.getStatus().name());
    json.put("action", zone.getAction().name());
    json.put("target_serial", propagation.map(p -> p.targetSerial()).orElse(null));
    json.put("target_action", propagation.map(p -> p.action()).orElse(null));
    json.put("state", propagation.map(p -> p.state()).orElse(null));
    json.put("started_at", propagation.map(p -> p.startedAt()).orElse(null));
    json.put("round_started_at", propagation.map(p -> p.roundStartedAt()).orElse(null));
    json.put("updated_at", propagation.map(p -> p.updatedAt()).orElse(null));
    json.put("nameservers", nameservers(zone, seen));
    json.put("links", Map.of("self", Links.to("/v2/zones/" + id + "/propagation")));
    return json;
  }

  /** Every nameserver of the pool, those the pool manager has not polled yet with nulls. */
  private List<Map<String, Object>> nameservers(
      Zone zone, Map<String, PropagationState.NameserverRow> seen) {
    List<Map<String, Object>> lines = new ArrayList<>();
    for (Pool.HostPort nameserver : pools.pool(zone.getPoolId()).nameservers()) {
      String address = nameserver.toString();
      PropagationState.NameserverRow row = seen.get(address);
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("nameserver", address);
      line.put("serial", row == null ? null : row.lastSerial());
      line.put("outcome", row == null ? null : row.lastOutcome());
      line.put("polling_serial", row == null ? null : row.polledSerial());
      line.put("updated_at", row == null ? null : row.updatedAt());
      lines.add(line);
    }
    return lines;
  }
}
