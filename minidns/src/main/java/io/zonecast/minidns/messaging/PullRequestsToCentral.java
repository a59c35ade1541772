package io.zonecast.minidns.messaging;

import io.zonecast.minidns.secondary.PullRequests;
import io.zonecast.minidns.zonesource.SecondaryZone;
import io.zonecast.model.central.SecondaryZoneNotified;
import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.runtime.amqp.AmqpNames;
import java.net.InetAddress;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/** A master's NOTIFY goes to central as a {@code central.secondary_zone_notified} cast. */
@Component
class PullRequestsToCentral implements PullRequests {

  private final RabbitTemplate rabbit;
  private final AmqpNames names;

  PullRequestsToCentral(RabbitTemplate rabbit, AmqpNames names) {
    this.rabbit = rabbit;
    this.names = names;
  }

  @Override
  public void notified(SecondaryZone zone, InetAddress master, RequestContext context) {
    rabbit.convertAndSend(
        names.exchange(),
        Messaging.SECONDARY_ZONE_NOTIFIED.routingKey(),
        new SecondaryZoneNotified(context, zone.ref(), master.getHostAddress()));
  }
}
