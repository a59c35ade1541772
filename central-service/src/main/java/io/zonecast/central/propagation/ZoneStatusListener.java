package io.zonecast.central.propagation;

import io.zonecast.central.zone.ZoneStatusUpdater;
import io.zonecast.model.central.ZoneStatusReport;
import org.slf4j.MDC;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Receives the pool manager's verdicts on propagations. */
@Component
class ZoneStatusListener {

  private final ZoneStatusUpdater updater;

  ZoneStatusListener(ZoneStatusUpdater updater) {
    this.updater = updater;
  }

  @RabbitListener(queues = "#{T(io.zonecast.model.messaging.Messaging).ZONE_STATUS.queue()}")
  void on(ZoneStatusReport report) {
    MDC.put("request_id", report.context() == null ? null : report.context().requestId());
    try {
      updater.apply(report);
    } finally {
      MDC.remove("request_id");
    }
  }
}
