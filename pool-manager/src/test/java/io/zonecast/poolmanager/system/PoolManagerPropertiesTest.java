package io.zonecast.poolmanager.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PoolManagerPropertiesTest {

  static PoolManagerProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("zonecast.pool-manager", PoolManagerProperties.class);
  }

  @Test
  void defaults() {
    PoolManagerProperties p = bind(Map.of());
    assertThat(p.poolsFile()).isEqualTo(Path.of("etc/pools.yaml"));
    assertThat(p.thresholdPercentage()).isEqualTo(100);
    assertThat(p.notifies()).isEqualTo(new PoolManagerProperties.Notify(1.0, 1.0, 5));
    assertThat(p.poll()).isEqualTo(new PoolManagerProperties.Poll(1.0, 0.01, 1000));
    assertThat(p.backend())
        .isEqualTo(
            new PoolManagerProperties.Backend(3, Duration.ofSeconds(1), Duration.ofSeconds(10)));
    assertThat(p.giveUpAfter()).isEqualTo(Duration.ofMinutes(30));
    assertThat(p.coalesceWindow()).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.newZone())
        .isEqualTo(new PoolManagerProperties.NewZone(Duration.ofSeconds(2), 0.05));
  }

  @Test
  void notifySettingsBindUnderNotify() {
    PoolManagerProperties p =
        bind(
            Map.of(
                "zonecast.pool-manager.notify.timeout", "2.5",
                "zonecast.pool-manager.notify.retry-interval", "0.5",
                "zonecast.pool-manager.notify.max-retries", "7"));
    assertThat(p.notifies()).isEqualTo(new PoolManagerProperties.Notify(2.5, 0.5, 7));
  }

  @Test
  void aThresholdOutsideOneToHundredIsRefused() {
    assertThatThrownBy(() -> bind(Map.of("zonecast.pool-manager.threshold-percentage", "0")))
        .hasStackTraceContaining("threshold-percentage must be 1..100");
  }

  @Test
  void aNegativeCoalesceWindowIsRefused() {
    assertThatThrownBy(() -> bind(Map.of("zonecast.pool-manager.coalesce-window", "-1s")))
        .hasStackTraceContaining("coalesce-window must not be negative");
  }
}
