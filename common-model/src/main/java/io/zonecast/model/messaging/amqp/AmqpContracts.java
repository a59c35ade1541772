package io.zonecast.model.messaging.amqp;

import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.messaging.Messaging.Route;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.support.converter.DefaultJacksonJavaTypeMapper;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;

/**
 * The AMQP side of the contracts, shared by every service: the whole topology (every service
 * declares all of it, so a message published before its consumer first started is queued, not
 * dropped) and the JSON converter that writes and reads the logical type names of {@link
 * Messaging#TYPES}.
 */
public final class AmqpContracts {

  /** The setting, read by every service, that turns dead-lettering off for brokers without it. */
  public static final String DEAD_LETTERS_PROPERTY = "zonecast.messaging.dead-letters";

  private static final List<Route> ROUTES =
      List.of(
          Messaging.ZONE_CHANGED,
          Messaging.UPDATE_STATUS,
          Messaging.NOTIFY_ZONE_CHANGED,
          Messaging.POLL_FOR_SERIAL_NUMBER,
          Messaging.ZONE_STATUS);

  private AmqpContracts() {}

  /** The topology with dead-lettering, for RabbitMQ. */
  public static Declarables topology() {
    return topology(true);
  }

  /**
   * The topology; {@code deadLetters} false leaves out the {@code x-dead-letter-exchange} queue
   * argument, which brokers other than RabbitMQ (the embedded Qpid Broker-J) refuse. Without it a
   * message no consumer can read is still rejected without requeue and logged, but not kept.
   */
  public static Declarables topology(boolean deadLetters) {
    List<Declarable> all = new ArrayList<>();
    DirectExchange exchange = new DirectExchange(Messaging.EXCHANGE, true, false);
    FanoutExchange deadLetterExchange =
        new FanoutExchange(Messaging.DEAD_LETTER_EXCHANGE, true, false);
    Queue deadLetterQueue = QueueBuilder.durable(Messaging.DEAD_LETTER_QUEUE).build();
    all.add(exchange);
    all.add(deadLetterExchange);
    all.add(deadLetterQueue);
    all.add(BindingBuilder.bind(deadLetterQueue).to(deadLetterExchange));
    for (Route route : ROUTES) {
      Queue queue =
          QueueBuilder.durable(route.queue())
              .deadLetterExchange(Messaging.DEAD_LETTER_EXCHANGE)
              .build();
      Binding binding = BindingBuilder.bind(queue).to(exchange).with(route.routingKey());
      all.add(queue);
      all.add(binding);
    }
    return new Declarables(all);
  }

  public static MessageConverter messageConverter() {
    DefaultJacksonJavaTypeMapper types = new DefaultJacksonJavaTypeMapper();
    types.setIdClassMapping(Messaging.TYPES);
    types.setTrustedPackages("io.zonecast.model");
    JacksonJsonMessageConverter converter = new JacksonJsonMessageConverter();
    converter.setJavaTypeMapper(types);
    return converter;
  }
}
