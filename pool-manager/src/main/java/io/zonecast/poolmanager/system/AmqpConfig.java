package io.zonecast.poolmanager.system;

import io.zonecast.model.messaging.amqp.AmqpContracts;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AmqpConfig {

  @Bean
  Declarables zonecastTopology(
      @Value("${" + AmqpContracts.DEAD_LETTERS_PROPERTY + ":true}") boolean deadLetters) {
    return AmqpContracts.topology(deadLetters);
  }

  @Bean
  MessageConverter contractMessageConverter() {
    return AmqpContracts.messageConverter();
  }
}
