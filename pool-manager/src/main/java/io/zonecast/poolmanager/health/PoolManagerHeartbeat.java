package io.zonecast.poolmanager.health;

import io.zonecast.runtime.amqp.ListenerStats;
import io.zonecast.runtime.heartbeat.HeartbeatProperties;
import io.zonecast.runtime.heartbeat.ServiceHeartbeat;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
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
 * Writes this pool manager's row of {@code service_statuses} every {@code
 * zonecast.heartbeat.interval}: UP, or WARNING while a nameserver does not answer, with every
 * nameserver's last heartbeat as {@code stats.targets} and what the listeners retried and
 * dead-lettered as {@code stats.messages}.
 */
@Component
@EnableConfigurationProperties(HeartbeatProperties.class)
class PoolManagerHeartbeat implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(PoolManagerHeartbeat.class);
  private static final String CAPABILITIES =
      "{\"targets\":[\"bind9\"],\"recovery\":true,\"sync\":true}";

  private final ServiceHeartbeat heartbeat;
  private final TargetHealth health;
  private final ListenerStats messages;
  private final Duration interval;

  PoolManagerHeartbeat(
      DataSource dataSource,
      TargetHealth health,
      ListenerStats messages,
      HeartbeatProperties settings,
      @Value("${server.port:9012}") int port) {
    this.messages = messages;
    this.interval = settings.interval();
    this.heartbeat =
        new ServiceHeartbeat(
            dataSource, "pool-manager", ServiceHeartbeat.localHostname() + ":" + port);
    this.health = health;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(new FixedDelayTask(this::beat, interval, Duration.ZERO));
  }

  void beat() {
    Map<String, NameserverHealth> nameservers = health.snapshot();
    Map<String, Object> targets = new LinkedHashMap<>();
    nameservers.forEach((name, h) -> targets.put(name, h.json()));
    boolean allUp = nameservers.values().stream().allMatch(NameserverHealth::up);
    try {
      heartbeat.beat(
          allUp ? ServiceHeartbeat.Status.UP : ServiceHeartbeat.Status.WARNING,
          JsonMapper.shared()
              .writeValueAsString(Map.of("targets", targets, "messages", messages.json())),
          CAPABILITIES);
    } catch (SQLException | RuntimeException e) {
      log.warn("writing the heartbeat failed: {}", e.toString());
    }
  }
}
