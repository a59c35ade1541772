package io.zonecast.central.servicestatus;

import io.zonecast.runtime.amqp.ListenerStats;
import io.zonecast.runtime.heartbeat.HeartbeatProperties;
import io.zonecast.runtime.heartbeat.ServiceHeartbeat;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes this central-service's row of {@code service_statuses} every heartbeat interval, with what
 * its listeners retried and dead-lettered as {@code stats.messages}.
 */
@Component
@EnableConfigurationProperties(HeartbeatProperties.class)
class CentralHeartbeat implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(CentralHeartbeat.class);

  private final ServiceHeartbeat heartbeat;
  private final ListenerStats messages;
  private final Duration interval;

  CentralHeartbeat(
      DataSource dataSource,
      ListenerStats messages,
      HeartbeatProperties settings,
      @Value("${server.port:9001}") int port) {
    this.messages = messages;
    this.interval = settings.interval();
    this.heartbeat =
        new ServiceHeartbeat(dataSource, "central", ServiceHeartbeat.localHostname() + ":" + port);
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(new FixedDelayTask(this::beat, interval, Duration.ZERO));
  }

  void beat() {
    try {
      heartbeat.beat(
          ServiceHeartbeat.Status.UP,
          JsonMapper.shared().writeValueAsString(Map.of("messages", messages.json())),
          "{\"api\":[\"v2\"]}");
    } catch (SQLException | RuntimeException e) {
      log.warn("writing the heartbeat failed: {}", e.toString());
    }
  }
}
