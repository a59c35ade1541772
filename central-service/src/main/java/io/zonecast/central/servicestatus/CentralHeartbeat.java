package io.zonecast.central.servicestatus;

import io.zonecast.model.service.ServiceHeartbeat;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Writes this central-service's row of {@code service_statuses} every heartbeat interval. */
@Component
class CentralHeartbeat {

  private static final Logger log = LoggerFactory.getLogger(CentralHeartbeat.class);

  private final ServiceHeartbeat heartbeat;

  CentralHeartbeat(DataSource dataSource, @Value("${server.port:9001}") int port) {
    this.heartbeat =
        new ServiceHeartbeat(dataSource, "central", ServiceHeartbeat.localHostname() + ":" + port);
  }

  @Scheduled(fixedDelayString = "${zonecast.heartbeat.interval:10s}", initialDelay = 0)
  void beat() {
    try {
      heartbeat.beat(ServiceHeartbeat.Status.UP, "{}", "{\"api\":[\"v2\"]}");
    } catch (SQLException | RuntimeException e) {
      log.warn("writing the heartbeat failed: {}", e.toString());
    }
  }
}
