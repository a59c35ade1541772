package io.zonecast.central.scheduler;

import io.zonecast.central.system.Caller;
import io.zonecast.model.pool.Pool;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Pools and requests for the scheduler's unit tests. */
final class Pools {

  static final Caller MEMBER = new Caller("project", "req-1", Set.of("member"), false);
  static final Caller ADMIN = new Caller("project", "req-1", Set.of("admin"), false);

  private Pools() {}

  static Pool pool(String name, Map<String, String> attributes) {
    return new Pool(
        UUID.nameUUIDFromBytes(name.getBytes()),
        name,
        "",
        attributes,
        List.of(new Pool.NsRecord("ns1." + name + ".test.", 1)),
        List.of(),
        List.of(),
        List.of());
  }

  static SchedulingRequest request(
      Map<String, String> attributes, Caller caller, List<Pool> pools, Pool defaultPool) {
    return new SchedulingRequest(ZoneAttributes.of(attributes), caller, pools, defaultPool);
  }
}
