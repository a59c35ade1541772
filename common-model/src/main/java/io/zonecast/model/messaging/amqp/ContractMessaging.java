package io.zonecast.model.messaging.amqp;

import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The messaging wiring every service imports: the topology, the contract converter (used by
 * RabbitTemplate and listeners) and the pass-through converter named {@link
 * AmqpContracts#RAW_CONVERTER} for listeners that read raw messages.
 */
@Configuration(proxyBeanMethods = false)
public class ContractMessaging {

  @Bean
  Declarables zonecastTopology(@Value("${zonecast.amqp.queue-type:classic}") String queueType) {
    return AmqpContracts.topology(AmqpContracts.QueueType.of(queueType));
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
