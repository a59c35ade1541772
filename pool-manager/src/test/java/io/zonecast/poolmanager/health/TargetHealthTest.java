package io.zonecast.poolmanager.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonecast.model.pool.PoolsChanges;
import io.zonecast.model.pool.PoolsFileHolder;
import io.zonecast.model.pool.PoolsReloaded;
import io.zonecast.poolmanager.pool.Pools;
import io.zonecast.poolmanager.system.PoolManagerProperties;
import io.zonecast.poolmanager.target.Backends;
import io.zonecast.runtime.resolve.HostResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class TargetHealthTest {

  @TempDir Path dir;

  final Backends backends =
      new Backends(
          new Binder(new MapConfigurationPropertySource(Map.of()))
              .bindOrCreate("zonecast.pool-manager", PoolManagerProperties.class),
          HostResolver.systemDefault(),
          Clock.systemUTC());

  Pools pools(int... nameserverPorts) throws IOException {
    StringBuilder yaml =
        new StringBuilder(
            "- name: default\n  ns_records: [{hostname: ns1.example.org.}]\n  nameservers:\n");
    for (int port : nameserverPorts) {
      yaml.append("    - {host: 127.0.0.1, port: ").append(port).append("}\n");
    }
    Path file = Files.createTempFile(dir, "pools", ".yaml");
    Files.writeString(file, yaml);
    return new Pools(file, backends, Clock.systemUTC());
  }

  @Test
  void theGaugesFollowTheNameserversOfEveryReload() throws IOException {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Pools before = pools(5310, 5311);
    TargetHealth health =
        new TargetHealth(
            before,
            null,
            new HealthProperties(Duration.ofSeconds(10), 0, Duration.ofSeconds(1)),
            HostResolver.systemDefault(),
            null, // no heartbeat runs here, so no host is resolved ahead
            registry,
            Clock.systemUTC());
    assertThat(targets(registry)).containsExactlyInAnyOrder("127.0.0.1:5310", "127.0.0.1:5311");

    Pools after = pools(5310, 5312);
    health.poolsReloaded(
        new PoolsReloaded(
            PoolsChanges.between(before.all(), after.all()),
            new PoolsFileHolder.Snapshot(2, after.all(), Instant.now())));

    assertThat(targets(registry)).containsExactlyInAnyOrder("127.0.0.1:5310", "127.0.0.1:5312");
    assertThat(registry.find("zonecast.target.serial_lag").gauges()).hasSize(2);
  }

  private static List<String> targets(SimpleMeterRegistry registry) {
    return registry.find("zonecast.target.up").gauges().stream()
        .map(Gauge::getId)
        .map(id -> id.getTag("target"))
        .toList();
  }
}
