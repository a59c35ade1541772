package io.zonecast.runtime.amqp;

import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.messaging.Messaging.Route;

/**
 * The exchange and queue names of one installation: {@link Messaging}'s names with the installation
 * id after the leading {@code zonecast}, e.g. {@code zonecast.3f9a0c.pool-manager.zone-changed}.
 * Routing keys are the same everywhere; what keeps installations apart is that each publishes to
 * its own exchange, bound only to its own queues.
 */
public record AmqpNames(Installation installation) {

  private static final String ROOT = "zonecast";

  public String exchange() {
    return scoped(Messaging.EXCHANGE);
  }

  public String deadLetterExchange() {
    return scoped(Messaging.DEAD_LETTER_EXCHANGE);
  }

  public String deadLetterQueue() {
    return scoped(Messaging.DEAD_LETTER_QUEUE);
  }

  public String queue(Route route) {
    return scoped(route.queue());
  }

  private String scoped(String name) {
    if (!name.startsWith(ROOT)) {
      throw new IllegalArgumentException("not a zonecast name: " + name);
    }
    return ROOT + "." + installation.id() + name.substring(ROOT.length());
  }
}
