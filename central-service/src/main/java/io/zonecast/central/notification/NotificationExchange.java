package io.zonecast.central.notification;

import org.springframework.amqp.core.TopicExchange;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the notification exchange (a topic exchange, as oslo.messaging's), again at every
 * reconnection, so the relay never publishes to a missing one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "zonecast.central.notifications.enabled", havingValue = "true")
class NotificationExchange {

  @Bean
  TopicExchange notificationsExchange(NotificationProperties properties) {
    return new TopicExchange(properties.exchange(), properties.durableExchange(), false);
  }
}
