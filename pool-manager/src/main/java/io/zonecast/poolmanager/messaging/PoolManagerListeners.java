package io.zonecast.poolmanager.messaging;

import io.zonecast.model.messaging.LogContext;
import io.zonecast.model.messaging.amqp.AmqpContracts;
import io.zonecast.model.poolmanager.UpdateStatus;
import io.zonecast.model.poolmanager.ZoneChanged;
import io.zonecast.poolmanager.propagation.ZoneChangeHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.stereotype.Component;

/**
 * Zone changes from central and update_status answers from MiniDNS. The container acknowledges in
 * MANUAL mode and the listeners return the future of their work: a message is acknowledged when its
 * work is done (a zone change handled, an answer recorded), so a pool manager killed with work
 * queued leaves those messages to the next instance instead of losing them. Work that failed is
 * requeued; a message that cannot be read is dead-lettered and acknowledged.
 */
@Component
class PoolManagerListeners {

  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final ZoneChangeHandler handler;
  private final MessageConverter converter;
  private final RabbitTemplate rabbit;

  PoolManagerListeners(
      ZoneChangeHandler handler, MessageConverter converter, RabbitTemplate rabbit) {
    this.handler = handler;
    this.converter = converter;
    this.rabbit = rabbit;
  }

  @RabbitListener(
      queues = "#{T(io.zonecast.model.messaging.Messaging).ZONE_CHANGED.queue()}",
      messageConverter = AmqpContracts.RAW_CONVERTER)
  CompletableFuture<Void> zoneChanged(Message message) {
    return settled(() ->
        AmqpContracts.read(message, ZoneChanged.class, converter, rabbit)
            .map(change -> {
              AtomicReference<CompletableFuture<Void>> handled = new AtomicReference<>();
              LogContext.run(change.context(), () -> handled.set(handler.zoneChanged(change)));
              return handled.get();
            })
            .orElse(DONE));
  }

  @RabbitListener(
      queues = "#{T(io.zonecast.model.messaging.Messaging).UPDATE_STATUS.queue()}",
      messageConverter = AmqpContracts.RAW_CONVERTER)
  CompletableFuture<Void> updateStatus(Message message) {
    return settled(() -> {
      AmqpContracts.read(message, UpdateStatus.class, converter, rabbit)
          .ifPresent(
              status -> LogContext.run(status.context(), () -> handler.updateStatus(status)));
      return DONE;
    });
  }

  /**
   * In MANUAL mode an exception escaping the listener would leave the message unacknowledged until
   * the channel closes: it becomes a failed future instead, which the container rejects (requeue).
   */
  private static CompletableFuture<Void> settled(Supplier<CompletableFuture<Void>> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
