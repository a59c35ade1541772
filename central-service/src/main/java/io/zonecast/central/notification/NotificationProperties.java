package io.zonecast.central.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Notifications for the tools that listen to Designate (billing, auditing), in oslo.messaging's
 * format.
 *
 * @param enabled emit an event for every zone and recordset create, update and delete (off by
 *     default, as nothing listens unless someone set it up)
 * @param exchange the topic exchange the events go to (Designate's {@code control_exchange})
 * @param topic the routing key is {@code <topic>.info} (oslo.messaging's {@code
 *     [oslo_messaging_notifications] topics}, Designate's default {@code notifications})
 * @param durableExchange declare the exchange durable; must match how an existing exchange was
 *     declared (oslo.messaging: {@code amqp_durable_queues}, default false)
 * @param publisherId the {@code publisher_id} of each event; unset: {@code central.<host name>}
 */
@ConfigurationProperties("zonecast.central.notifications")
public record NotificationProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("designate") String exchange,
    @DefaultValue("notifications") String topic,
    @DefaultValue("false") boolean durableExchange,
    String publisherId) {

  String routingKey() {
    return topic + ".info";
  }

  String publisher() {
    if (publisherId != null && !publisherId.isBlank()) {
      return publisherId;
    }
    String host = System.getenv("HOSTNAME");
    return "central." + (host == null || host.isBlank() ? "localhost" : host);
  }
}
