package io.zonecast.minidns.pools;

import io.zonecast.minidns.catalog.CatalogZones;
import io.zonecast.minidns.system.MiniDnsProperties;
import io.zonecast.model.pool.PoolsFileHolder;
import io.zonecast.runtime.pool.PoolsFileReloads;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;

/**
 * MiniDNS's one pools file ({@code zonecast.minidns.pools-file}), which the transfer ACL and the
 * catalog zones ask; read again at SIGHUP, when the file changes, and at {@code POST
 * /pools/reload}. A version whose catalog zone names are not DNS names is refused.
 */
@Configuration(proxyBeanMethods = false)
class PoolsFileConfig {

  @Bean
  PoolsFileHolder poolsFileHolder(
      MiniDnsProperties properties, Clock clock, ApplicationEventPublisher events) {
    return properties
        .poolsFilePath()
        .map(path ->
            new PoolsFileHolder(
                path,
                (file, inForce, source) -> CatalogZones.of(file.pools(), source),
                clock,
                events::publishEvent))
        .orElseGet(() -> PoolsFileHolder.none(clock));
  }

  @Bean
  PoolsFileReloads poolsFileReloads(PoolsFileHolder holder, TaskScheduler scheduler) {
    return new PoolsFileReloads(holder, scheduler);
  }
}
