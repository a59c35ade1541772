package io.zonecast.central.scheduler;

import io.zonecast.central.system.Caller;
import io.zonecast.model.pool.Pool;
import java.util.List;

/**
 * What the filters know while placing one new zone: its attributes, who creates it, the pools of
 * the pools file (all of them, whatever earlier filters kept) and the default pool.
 */
record SchedulingRequest(
    ZoneAttributes attributes, Caller caller, List<Pool> pools, Pool defaultPool) {

  SchedulingRequest {
    pools = List.copyOf(pools);
  }
}
