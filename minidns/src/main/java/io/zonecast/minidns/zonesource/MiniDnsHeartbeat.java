package io.zonecast.minidns.zonesource;

import io.zonecast.minidns.system.MiniDnsProperties;
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
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes this MiniDNS's row of {@code service_statuses} every heartbeat interval: here, because
 * this package is the only one of MiniDNS that touches the database. Its stats are what the
 * listeners retried and dead-lettered ({@code stats.messages}).
 */
@Component
@EnableScheduling
@EnableConfigurationProperties(HeartbeatProperties.class)
class MiniDnsHeartbeat implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(MiniDnsHeartbeat.class);

  private final ServiceHeartbeat heartbeat;
  private final String capabilities;
  private final ListenerStats messages;
  private final Duration interval;

  MiniDnsHeartbeat(
      DataSource dataSource,
      ListenerStats messages,
      HeartbeatProperties settings,
      MiniDnsProperties properties,
      @Value("${server.port:9013}") int httpPort) {
    this.interval = settings.interval();
    int dnsPort = properties.port();
    this.heartbeat =
        new ServiceHeartbeat(
            dataSource, "minidns", ServiceHeartbeat.localHostname() + ":" + httpPort);
    this.messages = messages;
    this.capabilities = "{\"dns_port\":" + dnsPort + ",\"transfers\":[\"AXFR\",\"IXFR\"]}";
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
          capabilities);
    } catch (SQLException | RuntimeException e) {
      log.warn("writing the heartbeat failed: {}", e.toString());
    }
  }
}
