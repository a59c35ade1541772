package io.zonecast.runtime.amqp;

import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The messaging wiring every service imports: this installation's id and names, its topology, the
 * contract converter (used by RabbitTemplate and listeners), the pass-through converter named
 * {@link AmqpContracts#RAW_CONVERTER} for listeners that read raw messages, the {@link
 * ContractListener} they hand their messages to, and the stamp of the installation id on every
 * message a RabbitTemplate publishes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AmqpProperties.class, InstallationProperties.class})
public class ContractMessaging {

  @Bean
  @DependsOnDatabaseInitialization
  Installation installation(InstallationProperties settings, DataSource dataSource) {
    return Installation.resolve(settings.id(), dataSource);
  }

  @Bean
  AmqpNames amqpNames(Installation installation) {
    return new AmqpNames(installation);
  }

  @Bean
  Declarables zonecastTopology(AmqpNames names, AmqpProperties settings) {
    return AmqpContracts.topology(names, AmqpContracts.QueueType.of(settings.queueType()));
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

  @Bean
  @DependsOnDatabaseInitialization
  KnownZones knownZones(DataSource dataSource) {
    return new KnownZones(dataSource);
  }

  @Bean
  ListenerStats listenerStats(ObjectProvider<MeterRegistry> registry) {
    return new ListenerStats(registry.getIfAvailable());
  }

  @Bean(destroyMethod = "close")
  ContractListener contractListener(
      AmqpNames names,
      MessageConverter converter,
      RabbitOperations rabbit,
      KnownZones zones,
      ListenerStats stats,
      AmqpProperties settings) {
    return new ContractListener(names, converter, rabbit, zones, settings.retry().policy(), stats);
  }

  /**
   * Every message published through a RabbitTemplate of the context carries this installation's id,
   * unless it carries one already (a message being dead-lettered or retried keeps its own).
   */
  @Bean
  static BeanPostProcessor installationStamp(ObjectProvider<Installation> installation) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof RabbitTemplate template) {
          template.addBeforePublishPostProcessors(message -> {
            MessageProperties properties = message.getMessageProperties();
            if (properties.getHeaders().get(Installation.HEADER) == null) {
              properties.setHeader(Installation.HEADER, installation.getObject().id());
            }
            return message;
          });
        }
        return bean;
      }
    };
  }
}
