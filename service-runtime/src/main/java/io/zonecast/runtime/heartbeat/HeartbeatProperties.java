package io.zonecast.runtime.heartbeat;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The heartbeat every service instance writes ({@code zonecast.heartbeat.*}, the same in all
 * services, each of which enables it).
 *
 * @param interval how often each instance writes its row of {@code service_statuses} ({@code GET
 *     /v2/service_statuses}); central calls an instance DOWN after three intervals without one
 */
@ConfigurationProperties("zonecast.heartbeat")
public record HeartbeatProperties(@DefaultValue("10s") Duration interval) {

  public HeartbeatProperties {
    if (!interval.isPositive()) {
      throw new IllegalArgumentException("zonecast.heartbeat.interval must be positive");
    }
  }
}
