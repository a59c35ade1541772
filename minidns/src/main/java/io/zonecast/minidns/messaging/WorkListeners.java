package io.zonecast.minidns.messaging;

import com.rabbitmq.client.Channel;
import io.zonecast.minidns.notify.NotifySender;
import io.zonecast.minidns.poll.SerialPoller;
import io.zonecast.minidns.secondary.SecondaryPuller;
import io.zonecast.model.messaging.LogContext;
import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.messaging.amqp.AmqpContracts;
import io.zonecast.model.minidns.NotifyZoneChanged;
import io.zonecast.model.minidns.PerformZoneXfr;
import io.zonecast.model.minidns.PollForSerialNumber;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.stereotype.Component;

/**
 * The casts MiniDNS serves (NOTIFY, poll, and pulling a SECONDARY zone). The listener container
 * runs in MANUAL acknowledge mode with a large prefetch: a listener only starts a task and returns,
 * and the message is acknowledged when the task finished (the NOTIFY answered or given up, the poll
 * reported), so hundreds of tasks run at once and a MiniDNS that dies mid-task leaves its messages
 * to another instance.
 *
 * <p>A message that cannot be read, or whose task cannot even start (a destination or zone name
 * that does not parse), is a poison message: it goes to the dead-letter queue, logged once. A task
 * that fails later (e.g. the update_status cannot be published) is requeued once, then
 * dead-lettered.
 */
@Component
class WorkListeners {

  private static final Logger log = LoggerFactory.getLogger(WorkListeners.class);

  private final NotifySender notifier;
  private final SerialPoller poller;
  private final RabbitTemplate rabbit;
  private final MessageConverter converter;
  private final SecondaryPuller puller;

  WorkListeners(
      NotifySender notifier,
      SerialPoller poller,
      RabbitTemplate rabbit,
      MessageConverter converter,
      SecondaryPuller puller) {
    this.puller = puller;
    this.notifier = notifier;
    this.poller = poller;
    this.rabbit = rabbit;
    this.converter = converter;
  }

  @RabbitListener(
      queues = "#{T(io.zonecast.model.messaging.Messaging).NOTIFY_ZONE_CHANGED.queue()}",
      messageConverter = AmqpContracts.RAW_CONVERTER)
  void notifyZoneChanged(Message message, Channel channel) {
    receive(message, channel, NotifyZoneChanged.class, NotifyZoneChanged::context, notifier::send);
  }

  @RabbitListener(
      queues = "#{T(io.zonecast.model.messaging.Messaging).POLL_FOR_SERIAL_NUMBER.queue()}",
      messageConverter = AmqpContracts.RAW_CONVERTER)
  void pollForSerialNumber(Message message, Channel channel) {
    receive(
        message,
        channel,
        PollForSerialNumber.class,
        PollForSerialNumber::context,
        task ->
            poller
                .poll(task)
                .thenAccept(status ->
                    rabbit.convertAndSend(
                        Messaging.EXCHANGE, Messaging.UPDATE_STATUS.routingKey(), status)));
  }

  /** Central's cast: pull a SECONDARY zone now; acknowledged when the pull is over. */
  @RabbitListener(
      queues = "#{T(io.zonecast.model.messaging.Messaging).PERFORM_ZONE_XFR.queue()}",
      messageConverter = AmqpContracts.RAW_CONVERTER)
  void performZoneXfr(Message message, Channel channel) {
    receive(
        message,
        channel,
        PerformZoneXfr.class,
        PerformZoneXfr::context,
        task -> puller.pull(task.zoneId(), task.reason(), task.context()));
  }

  /**
   * Reads the message and starts its task. Nothing may escape: in MANUAL mode the container would
   * neither acknowledge nor reject the message, which would then sit unacknowledged, holding a
   * prefetch slot, until the channel closes.
   */
  private <T> void receive(
      Message message,
      Channel channel,
      Class<T> type,
      Function<T, RequestContext> context,
      Function<T, CompletableFuture<?>> work) {
    try {
      AmqpContracts.read(message, type, converter, rabbit)
          .ifPresentOrElse(
              task ->
                  LogContext.run(
                      context.apply(task), () -> start(() -> work.apply(task), message, channel)),
              () -> settle(channel, message, Settle.ACK));
    } catch (RuntimeException e) {
      // e.g. the broker refused the dead-lettering: try once more later, then drop it (logged)
      boolean again = !message.getMessageProperties().isRedelivered();
      log.error(
          "message on {} could not be handled{}",
          queue(message),
          again ? ", requeued once" : ", dropped",
          e);
      settle(channel, message, again ? Settle.REQUEUE : Settle.ACK);
    }
  }

  /** Starts a task and settles its message when the task is done. */
  private void start(Supplier<CompletableFuture<?>> task, Message message, Channel channel) {
    CompletableFuture<?> work;
    try {
      work = task.get();
    } catch (RuntimeException e) {
      deadLetter(message, e);
      settle(channel, message, Settle.ACK);
      return;
    }
    work.whenComplete((result, error) -> {
      if (error == null) {
        settle(channel, message, Settle.ACK);
      } else if (!message.getMessageProperties().isRedelivered()) {
        log.warn("task of message on {} failed, requeued once", queue(message), error);
        settle(channel, message, Settle.REQUEUE);
      } else {
        deadLetter(message, error);
        settle(channel, message, Settle.ACK);
      }
    });
  }

  private void deadLetter(Message message, Throwable error) {
    String reason = "task failed: " + error;
    log.error("message on {} moved to {}: {}", queue(message), Messaging.DEAD_LETTER_QUEUE, reason);
    message.getMessageProperties().setHeader(AmqpContracts.ERROR_HEADER, reason);
    try {
      rabbit.send(Messaging.DEAD_LETTER_EXCHANGE, "", message);
    } catch (RuntimeException e) {
      log.error("could not dead-letter the message: {}", e.toString());
    }
  }

  private enum Settle {
    ACK,
    REQUEUE
  }

  private static void settle(Channel channel, Message message, Settle how) {
    long tag = message.getMessageProperties().getDeliveryTag();
    try {
      if (how == Settle.ACK) {
        channel.basicAck(tag, false);
      } else {
        channel.basicNack(tag, false, true);
      }
    } catch (IOException | RuntimeException e) {
      // the channel is gone; the broker redelivers the message to another consumer
      log.warn("could not settle message {}: {}", tag, e.toString());
    }
  }

  private static String queue(Message message) {
    return message.getMessageProperties().getConsumerQueue();
  }
}
