package io.zonecast.central.secondary;

import io.zonecast.model.messaging.RequestContext;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The SOA refresh and retry timers of SECONDARY zones (RFC 1035 section 3.3.13): zones whose time
 * has come are pulled. Every central instance runs this; the pull lock lets one of them pull each
 * zone.
 */
@Component
class RefreshTimer implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(RefreshTimer.class);

  private final SecondaryStore store;
  private final SecondaryPuller puller;
  private final SecondaryPullProperties properties;

  RefreshTimer(SecondaryStore store, SecondaryPuller puller, SecondaryPullProperties properties) {
    this.store = store;
    this.puller = puller;
    this.properties = properties;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(
        new FixedDelayTask(
            this::refreshDueZones, properties.checkInterval(), properties.checkInterval()));
  }

  void refreshDueZones() {
    try {
      for (UUID zone : store.due(properties.parallelism() * 4)) {
        puller.refresh(zone, RequestContext.system("req-refresh-" + UUID.randomUUID()));
      }
    } catch (RuntimeException e) {
      log.warn("secondary refresh round failed: {}", e.toString());
    }
  }
}
