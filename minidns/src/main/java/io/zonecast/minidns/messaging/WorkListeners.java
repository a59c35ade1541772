package io.zonecast.minidns.messaging;

import com.rabbitmq.client.Channel;
import io.zonecast.minidns.notify.NotifySender;
import io.zonecast.minidns.poll.SerialPoller;
import io.zonecast.model.messaging.LogContext;
import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.messaging.amqp.AmqpContracts;
import io.zonecast.model.minidns.NotifyZoneChanged;
import io.zonecast.model.minidns.PollForSerialNumber;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.stereotype.Component;

/**
 * The two casts MiniDNS serves. Each message is acknowledged only when its task finished (the
 * NOTIFY answered or given up, the poll reported), so a MiniDNS that dies mid-task leaves the
 * message to another instance. A message that cannot be read goes to the dead-letter queue and is
 * logged once.
 */
@Component
class WorkListeners {

  private static final Logger log = LoggerFactory.getLogger(WorkListeners.class);

  private final NotifySender notifier;
  private final SerialPoller poller;
  private final RabbitTemplate rabbit;
  private final MessageConverter converter;

  WorkListeners(
      NotifySender notifier,
      SerialPoller poller,
      RabbitTemplate rabbit,
      MessageConverter converter) {
    this.notifier = notifier;
    this.poller = poller;
    this.rabbit = rabbit;
    this.converter = converter;
  }

  @RabbitListener(
      queues = "#{T(io.zonecast.model.messaging.Messaging).NOTIFY_ZONE_CHANGED.queue()}",
      messageConverter = AmqpContracts.RAW_CONVERTER)
  void notifyZoneChanged(Message message, Channel channel) {
    NotifyZoneChanged task = read(message, channel, NotifyZoneChanged.class);
    if (task != null) {
      LogContext.run(task.context(), () -> ackWhenDone(notifier.send(task), message, channel));
    }
  }

  @RabbitListener(
      queues = "#{T(io.zonecast.model.messaging.Messaging).POLL_FOR_SERIAL_NUMBER.queue()}",
      messageConverter = AmqpContracts.RAW_CONVERTER)
  void pollForSerialNumber(Message message, Channel channel) {
    PollForSerialNumber task = read(message, channel, PollForSerialNumber.class);
    if (task != null) {
      LogContext.run(
          task.context(),
          () ->
              ackWhenDone(
                  poller
                      .poll(task)
                      .thenAccept(status ->
                          rabbit.convertAndSend(
                              Messaging.EXCHANGE, Messaging.UPDATE_STATUS.routingKey(), status)),
                  message,
                  channel));
    }
  }

  /** The task, or null when the message was unreadable (it is dead-lettered and acknowledged). */
  private <T> T read(Message message, Channel channel, Class<T> type) {
    var task = AmqpContracts.read(message, type, converter, rabbit);
    if (task.isEmpty()) {
      settle(channel, message, true);
    }
    return task.orElse(null);
  }

  private void ackWhenDone(CompletableFuture<?> work, Message message, Channel channel) {
    work.whenComplete((result, error) -> {
      if (error != null) {
        log.error("task failed; message dropped", error);
      }
      settle(channel, message, error == null);
    });
  }

  private static void settle(Channel channel, Message message, boolean ack) {
    long tag = message.getMessageProperties().getDeliveryTag();
    try {
      if (ack) {
        channel.basicAck(tag, false);
      } else {
        channel.basicReject(tag, false);
      }
    } catch (IOException e) {
      // the channel is gone; the broker redelivers the message to another consumer
      log.warn("could not settle message {}: {}", tag, e.toString());
    }
  }
}
