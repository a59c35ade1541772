package io.zonecast.poolmanager.propagation;

import io.zonecast.model.central.ZoneStatusReport;
import io.zonecast.model.central.ZoneStatusReport.Outcome;
import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.runtime.amqp.AmqpNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/** Tells central how a propagation ended. */
@Component
class Reports {

  private static final Logger log = LoggerFactory.getLogger(Reports.class);

  private final RabbitTemplate rabbit;
  private final AmqpNames names;

  Reports(RabbitTemplate rabbit, AmqpNames names) {
    this.rabbit = rabbit;
    this.names = names;
  }

  void success(RequestContext context, ZoneRef zone, ZoneAction action) {
    send(new ZoneStatusReport(context, zone, action, Outcome.SUCCESS, null));
  }

  void error(RequestContext context, ZoneRef zone, ZoneAction action, String message) {
    send(new ZoneStatusReport(context, zone, action, Outcome.ERROR, message));
  }

  void send(ZoneStatusReport report) {
    if (report.outcome() == Outcome.SUCCESS) {
      // the one INFO line per change an operator follows a zone (and its request id) by
      log.info(
          "{} of {} at serial {}: SUCCESS",
          report.action(),
          report.zone().name(),
          report.zone().serial());
    } else {
      log.warn(
          "{} of {} at serial {}: ERROR {}",
          report.action(),
          report.zone().name(),
          report.zone().serial(),
          report.message());
    }
    publish(report);
  }

  private void publish(ZoneStatusReport report) {
    rabbit.convertAndSend(names.exchange(), Messaging.ZONE_STATUS.routingKey(), report);
  }
}
