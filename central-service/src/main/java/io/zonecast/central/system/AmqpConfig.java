package io.zonecast.central.system;

import io.zonecast.model.messaging.amqp.AmqpContracts;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

@Configuration(proxyBeanMethods = false)
class AmqpConfig {

  @Bean
  Declarables zonecastTopology() {
    return AmqpContracts.topology();
  }

  @Bean
  @Primary
  MessageConverter contractMessageConverter() {
    return AmqpContracts.messageConverter();
  }

  @Bean(AmqpContracts.RAW_CONVERTER)
  MessageConverter rawMessageConverter() {
    return AmqpContracts.rawMessageConverter();
  }
}
