package io.zonecast.poolmanager.messaging;

import com.rabbitmq.client.Channel;
import io.zonecast.model.poolmanager.UpdateStatus;
import io.zonecast.model.poolmanager.ZoneChanged;
import io.zonecast.poolmanager.propagation.ZoneChangeHandler;
import io.zonecast.runtime.amqp.AmqpContracts;
import io.zonecast.runtime.amqp.ContractListener;
import java.util.concurrent.CompletableFuture;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Zone changes from central and update_status answers from MiniDNS. The container acknowledges in
 * MANUAL mode and a message is acknowledged when its work is done (a zone change handled, an answer
 * recorded), so a pool manager killed with work queued leaves those messages to the next instance
 * instead of losing them. Work that failed is tried again a bounded number of times, after a delay,
 * and then dead-lettered; a message that cannot be read, or that belongs to another installation or
 * to a zone this database does not have, is dead-lettered at once ({@link ContractListener}).
 */
@Component
class PoolManagerListeners {

  private final ZoneChangeHandler handler;
  private final ContractListener listener;

  PoolManagerListeners(ZoneChangeHandler handler, ContractListener listener) {
    this.handler = handler;
    this.listener = listener;
  }

  @RabbitListener(
      queues = "#{@amqpNames.queue(T(io.zonecast.model.messaging.Messaging).ZONE_CHANGED)}",
      messageConverter = AmqpContracts.RAW_CONVERTER)
  void zoneChanged(Message message, Channel channel) {
    listener.receive(
        message,
        channel,
        ZoneChanged.class,
        ZoneChanged::zone,
        ZoneChanged::context,
        handler::zoneChanged);
  }

  @RabbitListener(
      queues = "#{@amqpNames.queue(T(io.zonecast.model.messaging.Messaging).UPDATE_STATUS)}",
      messageConverter = AmqpContracts.RAW_CONVERTER)
  void updateStatus(Message message, Channel channel) {
    listener.receiveFollowUp(
        message,
        channel,
        UpdateStatus.class,
        UpdateStatus::zone,
        UpdateStatus::context,
        status -> {
          handler.updateStatus(status);
          return CompletableFuture.completedFuture(null);
        });
  }
}
