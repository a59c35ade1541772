package io.zonecast.runtime.amqp;

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
import org.springframework.amqp.support.converter.SimpleMessageConverter;

/**
 * The AMQP side of the contracts, shared by every service: the whole topology of an installation
 * (every service declares all of it, so a message published before its consumer first started is
 * queued, not dropped) and the JSON converter that writes and reads the logical type names of
 * {@link Messaging#TYPES}.
 */
public final class AmqpContracts {

  /**
   * The bean name of the pass-through converter that listeners name in
   * {@code @RabbitListener(messageConverter = ...)}, so that they receive the raw message and read
   * it with {@link ContractListener}: a payload the contract converter cannot read then reaches the
   * listener instead of failing before it.
   */
  public static final String RAW_CONVERTER = "rawMessageConverter";

  /** Why a message was dead-lettered. */
  public static final String ERROR_HEADER = "x-zonecast-error";

  private static final List<Route> ROUTES =
      List.of(
          Messaging.ZONE_CHANGED,
          Messaging.UPDATE_STATUS,
          Messaging.NOTIFY_ZONE_CHANGED,
          Messaging.POLL_FOR_SERIAL_NUMBER,
          Messaging.ZONE_STATUS,
          Messaging.SECONDARY_ZONE_NOTIFIED);

  private AmqpContracts() {}

  /** The kind of queue every zonecast queue is declared as ({@code zonecast.amqp.queue-type}). */
  public enum QueueType {
    /** RabbitMQ's classic queues (and what any AMQP 0-9-1 broker offers). */
    CLASSIC,
    /** RabbitMQ's replicated quorum queues, for a broker cluster. */
    QUORUM;

    public static QueueType of(String text) {
      for (QueueType type : values()) {
        if (type.name().equalsIgnoreCase(text.strip())) {
          return type;
        }
      }
      throw new IllegalArgumentException(
          "zonecast.amqp.queue-type must be classic or quorum, not '" + text + "'");
    }
  }

  /** Every route of the contracts: one queue each. */
  public static List<Route> routes() {
    return ROUTES;
  }

  /**
   * Every exchange, queue and binding of one installation's contracts. A queue that already exists
   * with another type is not converted: RabbitMQ refuses the declaration, so change the type on an
   * empty broker.
   */
  public static Declarables topology(AmqpNames names, QueueType type) {
    List<Declarable> all = new ArrayList<>();
    DirectExchange exchange = new DirectExchange(names.exchange(), true, false);
    FanoutExchange deadLetterExchange = new FanoutExchange(names.deadLetterExchange(), true, false);
    Queue deadLetterQueue = queue(names.deadLetterQueue(), type);
    all.add(exchange);
    all.add(deadLetterExchange);
    all.add(deadLetterQueue);
    all.add(BindingBuilder.bind(deadLetterQueue).to(deadLetterExchange));
    for (Route route : ROUTES) {
      Queue queue = queue(names.queue(route), type);
      Binding binding = BindingBuilder.bind(queue).to(exchange).with(route.routingKey());
      all.add(queue);
      all.add(binding);
    }
    return new Declarables(all);
  }

  private static Queue queue(String name, QueueType type) {
    QueueBuilder builder = QueueBuilder.durable(name);
    return (type == QueueType.QUORUM ? builder.quorum() : builder).build();
  }

  public static MessageConverter rawMessageConverter() {
    return new SimpleMessageConverter();
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
