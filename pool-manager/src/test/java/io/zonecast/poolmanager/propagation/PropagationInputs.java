package io.zonecast.poolmanager.propagation;

import io.zonecast.model.pool.Pool;
import io.zonecast.poolmanager.system.PoolManagerProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The settings and the pool the propagation unit tests hand to what they test. */
final class PropagationInputs {

  private PropagationInputs() {}

  /**
   * Settings with small numbers (one NOTIFY and one backend attempt of a second; polls of a second,
   * ten of them 10 ms apart; deletes verified within 2 s), a new zone's NOTIFYs held 2 s.
   */
  static PoolManagerProperties settings() {
    return settings(Duration.ofSeconds(2));
  }

  /** The same settings, with a new zone's NOTIFYs held {@code newZoneNotifyDelay}. */
  static PoolManagerProperties settings(Duration newZoneNotifyDelay) {
    return new PoolManagerProperties(
        Path.of("pools.yaml"),
        100,
        new PoolManagerProperties.Notify(1, 1, 1),
        new PoolManagerProperties.Poll(1, 0.01, 10),
        new PoolManagerProperties.Backend(1, Duration.ofSeconds(1), Duration.ofSeconds(1)),
        Duration.ofMinutes(30),
        Duration.ofSeconds(30),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        new PoolManagerProperties.NewZone(newZoneNotifyDelay, 0.05));
  }

  /**
   * A pool of {@code nameservers} and {@code targets}: no attributes, NS records, also-notifies.
   */
  static Pool pool(List<Pool.HostPort> nameservers, List<Pool.Target> targets) {
    return new Pool(
        UUID.randomUUID(), "p", "", Map.of(), List.of(), nameservers, targets, List.of());
  }
}
