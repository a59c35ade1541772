package io.zonecast.minidns.messaging;

import com.rabbitmq.client.Channel;
import io.zonecast.minidns.notify.NotifySender;
import io.zonecast.minidns.poll.SerialPoller;
import io.zonecast.minidns.zonesource.SerialMarks;
import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.minidns.NotifyZoneChanged;
import io.zonecast.model.minidns.PollForSerialNumber;
import io.zonecast.runtime.amqp.AmqpContracts;
import io.zonecast.runtime.amqp.AmqpNames;
import io.zonecast.runtime.amqp.ContractListener;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * The casts MiniDNS serves (NOTIFY and poll). The listener container runs in MANUAL acknowledge
 * mode with a large prefetch: a listener only starts a task and returns, and the message is
 * acknowledged when the task finished (the NOTIFY answered or given up, the poll reported), so
 * hundreds of tasks run at once and a MiniDNS that dies mid-task leaves its messages to another
 * instance.
 *
 * <p>A message that cannot be read, or whose task cannot even start (a destination or zone name
 * that does not parse), or that belongs to another installation or to a zone this database does not
 * have, is dead-lettered at once. A task that fails later (e.g. the update_status cannot be
 * published) is tried again a bounded number of times and then dead-lettered ({@link
 * ContractListener}).
 *
 * <p>The serial of every NOTIFY and poll task raises the zone's {@link SerialMarks} before the task
 * starts: from then on no answer of this MiniDNS is older (a lagging read replica is not used).
 */
@Component
class WorkListeners {

  private final NotifySender notifier;
  private final SerialPoller poller;
  private final RabbitTemplate rabbit;
  private final AmqpNames names;
  private final ContractListener listener;
  private final SerialMarks marks;

  WorkListeners(
      NotifySender notifier,
      SerialPoller poller,
      RabbitTemplate rabbit,
      AmqpNames names,
      ContractListener listener,
      SerialMarks marks) {
    this.marks = marks;
    this.notifier = notifier;
    this.poller = poller;
    this.rabbit = rabbit;
    this.names = names;
    this.listener = listener;
  }

  @RabbitListener(
      queues = "#{@amqpNames.queue(T(io.zonecast.model.messaging.Messaging).NOTIFY_ZONE_CHANGED)}",
      messageConverter = AmqpContracts.RAW_CONVERTER)
  void notifyZoneChanged(Message message, Channel channel) {
    listener.receiveFollowUp(
        message,
        channel,
        NotifyZoneChanged.class,
        NotifyZoneChanged::zone,
        NotifyZoneChanged::context,
        task -> {
          marks.raise(task.zone());
          return notifier.send(task);
        });
  }

  @RabbitListener(
      queues =
          "#{@amqpNames.queue(T(io.zonecast.model.messaging.Messaging).POLL_FOR_SERIAL_NUMBER)}",
      messageConverter = AmqpContracts.RAW_CONVERTER)
  void pollForSerialNumber(Message message, Channel channel) {
    listener.receiveFollowUp(
        message,
        channel,
        PollForSerialNumber.class,
        PollForSerialNumber::zone,
        PollForSerialNumber::context,
        task -> {
          marks.raise(task.zone());
          return poller
              .poll(task)
              .thenAccept(status ->
                  rabbit.convertAndSend(
                      names.exchange(), Messaging.UPDATE_STATUS.routingKey(), status));
        });
  }
}
