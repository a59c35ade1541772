package io.zonecast.poolmanager.pool;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonecast.runtime.pool.PoolsFileReloads;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * SIGHUP and a change of the file reload the pools file (besides {@code POST /pools/reload}), all
 * through {@link Pools#reload}; gauges {@code zonecast.pools.generation} (the version in force, 1
 * at start-up) and {@code zonecast.pools.reload.refused} (1 while the last reload was refused).
 */
@Component
class PoolsReloadTriggers implements DisposableBean {

  private final PoolsFileReloads reloads;

  PoolsReloadTriggers(Pools pools, MeterRegistry registry, TaskScheduler scheduler) {
    Gauge.builder("zonecast.pools.generation", pools, p -> p.snapshot().generation())
        .description("version of the pools file in force: 1 at start-up, one more per reload")
        .register(registry);
    Gauge.builder(
            "zonecast.pools.reload.refused",
            pools,
            p -> p.lastReload().map(r -> r.refused() ? 1.0 : 0.0).orElse(0.0))
        .description("1 when the last reload of the pools file was refused")
        .register(registry);
    reloads = new PoolsFileReloads(pools.holder(), scheduler);
  }

  @Override
  public void destroy() {
    reloads.destroy();
  }
}
