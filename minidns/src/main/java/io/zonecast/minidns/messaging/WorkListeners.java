package io.zonecast.minidns.messaging;

import com.rabbitmq.client.Channel;
import io.zonecast.minidns.notify.NotifySender;
import io.zonecast.minidns.poll.SerialPoller;
import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.minidns.NotifyZoneChanged;
import io.zonecast.model.minidns.PollForSerialNumber;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.stereotype.Component;

/**
 * The two casts MiniDNS serves. Each message is acknowledged only when its task finished (the
 * NOTIFY answered or given up, the poll reported), so a MiniDNS that dies mid-task leaves the
 * message to another instance. A message that cannot be read is rejected without requeue (it goes
 * to the dead-letter queue) and logged once.
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
      queues = "#{T(io.zonecast.model.messaging.Messaging).NOTIFY_ZONE_CHANGED.queue()}")
  void notifyZoneChanged(Message message, Channel channel) {
    NotifyZoneChanged task = read(message, channel, NotifyZoneChanged.class);
    if (task != null) {
      withContext(task.context(), () -> ackWhenDone(notifier.send(task), message, channel));
    }
  }

  @RabbitListener(
      queues = "#{T(io.zonecast.model.messaging.Messaging).POLL_FOR_SERIAL_NUMBER.queue()}")
  void pollForSerialNumber(Message message, Channel channel) {
    PollForSerialNumber task = read(message, channel, PollForSerialNumber.class);
    if (task != null) {
      withContext(
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

  private <T> T read(Message message, Channel channel, Class<T> type) {
    try {
      Object body = converter.fromMessage(message);
      if (type.isInstance(body)) {
        return type.cast(body);
      }
      log.error(
          "rejected a message on {}: expected {}, got {}",
          message.getMessageProperties().getConsumerQueue(),
          type.getSimpleName(),
          body == null ? null : body.getClass().getSimpleName());
    } catch (RuntimeException e) {
      log.error(
          "rejected an unreadable message on {}: {}",
          message.getMessageProperties().getConsumerQueue(),
          e.getMessage());
    }
    settle(channel, message, false);
    return null;
  }

  private void ackWhenDone(CompletableFuture<?> work, Message message, Channel channel) {
    work.whenComplete((result, error) -> {
      if (error != null) {
        log.error("task failed; message dead-lettered", error);
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

  private static void withContext(RequestContext context, Runnable work) {
    MDC.put("request_id", context == null ? null : context.requestId());
    try {
      work.run();
    } finally {
      MDC.remove("request_id");
    }
  }
}
