package io.zonecast.runtime.amqp;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How every service uses the broker ({@code zonecast.amqp.*}).
 *
 * @param queueType {@code classic}, or {@code quorum} for replicated queues on a RabbitMQ cluster
 *     (declare on an empty broker: a queue's type cannot change)
 * @param retry how a message whose work failed is tried again before it is dead-lettered
 */
@ConfigurationProperties("zonecast.amqp")
public record AmqpProperties(@DefaultValue("classic") String queueType, @DefaultValue Retry retry) {

  /**
   * @param maxAttempts deliveries of a message whose work failed, the first included, before it is
   *     dead-lettered to {@code zonecast.<id>.dead-letter}
   * @param initialDelay the wait before the second delivery; each further wait doubles
   * @param maxDelay the longest wait between two deliveries
   */
  public record Retry(
      @DefaultValue("5") int maxAttempts,
      @DefaultValue("1s") Duration initialDelay,
      @DefaultValue("30s") Duration maxDelay) {

    ContractListener.Retry policy() {
      return new ContractListener.Retry(maxAttempts, initialDelay, maxDelay);
    }
  }
}
