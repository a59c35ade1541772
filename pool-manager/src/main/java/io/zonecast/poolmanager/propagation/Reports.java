package io.zonecast.poolmanager.propagation;

import io.zonecast.model.central.ZoneStatusReport;
import io.zonecast.model.central.ZoneStatusReport.Outcome;
import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/** Tells central how a propagation ended. */
@Component
class Reports {

  private static final Logger log = LoggerFactory.getLogger(Reports.class);

  private final RabbitTemplate rabbit;

  Reports(RabbitTemplate rabbit) {
    this.rabbit = rabbit;
  }

  void success(RequestContext context, ZoneRef zone, ZoneAction action) {
    log.info("{} of {} at serial {}: SUCCESS", action, zone.name(), zone.serial());
    send(new ZoneStatusReport(context, zone, action, Outcome.SUCCESS, null));
  }

  void error(RequestContext context, ZoneRef zone, ZoneAction action, String message) {
    log.warn("{} of {} at serial {}: ERROR {}", action, zone.name(), zone.serial(), message);
    send(new ZoneStatusReport(context, zone, action, Outcome.ERROR, message));
  }

  private void send(ZoneStatusReport report) {
    rabbit.convertAndSend(Messaging.EXCHANGE, Messaging.ZONE_STATUS.routingKey(), report);
  }
}
