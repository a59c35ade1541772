package io.zonecast.poolmanager.propagation;

import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.minidns.NotifyZoneChanged;
import io.zonecast.model.minidns.PollForSerialNumber;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.poolmanager.system.PoolManagerProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/** The casts to MiniDNS, one destination each, with the configured timeouts and retries. */
@Component
class Casts {

  private final RabbitTemplate rabbit;
  private final PoolManagerProperties properties;

  Casts(RabbitTemplate rabbit, PoolManagerProperties properties) {
    this.rabbit = rabbit;
    this.properties = properties;
  }

  void notifyZoneChanged(RequestContext context, ZoneRef zone, String destination) {
    var notify = properties.notifies();
    rabbit.convertAndSend(
        Messaging.EXCHANGE,
        Messaging.NOTIFY_ZONE_CHANGED.routingKey(),
        new NotifyZoneChanged(
            context,
            zone,
            destination,
            notify.timeout(),
            notify.retryInterval(),
            notify.maxRetries()));
  }

  void pollForSerialNumber(RequestContext context, ZoneRef zone, String destination) {
    var poll = properties.poll();
    rabbit.convertAndSend(
        Messaging.EXCHANGE,
        Messaging.POLL_FOR_SERIAL_NUMBER.routingKey(),
        new PollForSerialNumber(
            context, zone, destination, poll.timeout(), poll.retryInterval(), poll.maxRetries()));
  }
}
