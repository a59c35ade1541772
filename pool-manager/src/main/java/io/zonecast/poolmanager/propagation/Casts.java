package io.zonecast.poolmanager.propagation;

import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.minidns.NotifyZoneChanged;
import io.zonecast.model.minidns.PollForSerialNumber;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.poolmanager.system.PoolManagerProperties;
import io.zonecast.runtime.amqp.AmqpNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * The casts to MiniDNS (spec server-pools-minidns-support): one destination each, with the
 * configured timeout, retry interval and retries, and the context of the change they belong to.
 */
@Component
public class Casts {

  private static final Logger log = LoggerFactory.getLogger(Casts.class);

  private final RabbitTemplate rabbit;
  private final PoolManagerProperties properties;
  private final AmqpNames names;

  Casts(RabbitTemplate rabbit, PoolManagerProperties properties, AmqpNames names) {
    this.names = names;
    this.rabbit = rabbit;
    this.properties = properties;
  }

  public void notifyZoneChanged(RequestContext context, ZoneRef zone, String destination) {
    var notify = properties.notifies();
    log.debug("notify_zone_changed {} at serial {} to {}", zone.name(), zone.serial(), destination);
    rabbit.convertAndSend(
        names.exchange(),
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
    pollForSerialNumber(context, zone, destination, properties.poll().retryInterval());
  }

  /** A poll asking every {@code retryInterval} seconds instead of the configured interval. */
  void pollForSerialNumber(
      RequestContext context, ZoneRef zone, String destination, double retryInterval) {
    var poll = properties.poll();
    log.debug(
        "poll_for_serial_number {} at serial {} on {}", zone.name(), zone.serial(), destination);
    rabbit.convertAndSend(
        names.exchange(),
        Messaging.POLL_FOR_SERIAL_NUMBER.routingKey(),
        new PollForSerialNumber(
            context, zone, destination, poll.timeout(), retryInterval, poll.maxRetries()));
  }
}
