package io.zonecast.poolmanager.health;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The heartbeat of the pool's nameservers ({@code zonecast.pool-manager.health.*}).
 *
 * @param interval how often every nameserver is asked for the SOA of the sampled zones
 * @param sampleSize zones asked per nameserver and check: those of its pool changed last (so the
 *     zones in flight first)
 * @param queryTimeout how long to wait for one answer
 */
@ConfigurationProperties("zonecast.pool-manager.health")
public record HealthProperties(
    @DefaultValue("10s") Duration interval,
    @DefaultValue("20") int sampleSize,
    @DefaultValue("2s") Duration queryTimeout) {

  public HealthProperties {
    if (!interval.isPositive() || !queryTimeout.isPositive() || sampleSize < 0) {
      throw new IllegalArgumentException(
          "zonecast.pool-manager.health: interval and query-timeout must be positive, sample-size"
              + " not negative");
    }
  }
}
