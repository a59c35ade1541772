package io.zonecast.minidns.zonesource;

import io.zonecast.runtime.amqp.ListenerStats;
import io.zonecast.runtime.heartbeat.ServiceHeartbeat;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes this MiniDNS's row of {@code service_statuses} every heartbeat interval: here, because
 * this package is the only one of MiniDNS that touches the database. Its stats are what the
 * listeners retried and dead-lettered ({@code stats.messages}).
 */
@Component
@EnableScheduling
class MiniDnsHeartbeat {

  private static final Logger log = LoggerFactory.getLogger(MiniDnsHeartbeat.class);

  private final ServiceHeartbeat heartbeat;
  private final String capabilities;
  private final ListenerStats messages;

  MiniDnsHeartbeat(
      DataSource dataSource,
      ListenerStats messages,
      @Value("${server.port:9013}") int httpPort,
      @Value("${zonecast.minidns.port:5354}") int dnsPort) {
    this.heartbeat =
        new ServiceHeartbeat(
            dataSource, "minidns", ServiceHeartbeat.localHostname() + ":" + httpPort);
    this.messages = messages;
    this.capabilities = "{\"dns_port\":" + dnsPort + ",\"transfers\":[\"AXFR\",\"IXFR\"]}";
  }

  @Scheduled(fixedDelayString = "${zonecast.heartbeat.interval:10s}", initialDelay = 0)
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
