package io.zonecast.poolmanager.messaging;

import io.zonecast.model.messaging.LogContext;
import io.zonecast.model.messaging.amqp.AmqpContracts;
import io.zonecast.model.poolmanager.UpdateStatus;
import io.zonecast.model.poolmanager.ZoneChanged;
import io.zonecast.poolmanager.propagation.ZoneChangeHandler;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.stereotype.Component;

/** Zone changes from central and update_status answers from MiniDNS. */
@Component
class PoolManagerListeners {

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
  void zoneChanged(Message message) {
    AmqpContracts.read(message, ZoneChanged.class, converter, rabbit)
        .ifPresent(change -> LogContext.run(change.context(), () -> handler.zoneChanged(change)));
  }

  @RabbitListener(
      queues = "#{T(io.zonecast.model.messaging.Messaging).UPDATE_STATUS.queue()}",
      messageConverter = AmqpContracts.RAW_CONVERTER)
  void updateStatus(Message message) {
    AmqpContracts.read(message, UpdateStatus.class, converter, rabbit)
        .ifPresent(status -> LogContext.run(status.context(), () -> handler.updateStatus(status)));
  }
}
