package io.zonecast.central.secondary;

import com.rabbitmq.client.Channel;
import io.zonecast.model.central.SecondaryZoneNotified;
import io.zonecast.runtime.amqp.AmqpContracts;
import io.zonecast.runtime.amqp.ContractListener;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * MiniDNS's cast: a master of a SECONDARY zone sent a NOTIFY, so the zone is pulled (RFC 1996
 * section 3.11: the masters are asked for the SOA first). Acknowledged when the pull is over; a
 * NOTIFY about a zone deleted meanwhile is discarded ({@link ContractListener#receiveFollowUp}).
 */
@Component
class NotifiedListener {

  private final SecondaryPuller puller;
  private final ContractListener listener;

  NotifiedListener(SecondaryPuller puller, ContractListener listener) {
    this.puller = puller;
    this.listener = listener;
  }

  @RabbitListener(
      queues =
          "#{@amqpNames.queue(T(io.zonecast.model.messaging.Messaging).SECONDARY_ZONE_NOTIFIED)}",
      messageConverter = AmqpContracts.RAW_CONVERTER)
  void on(Message message, Channel channel) {
    listener.receiveFollowUp(
        message,
        channel,
        SecondaryZoneNotified.class,
        SecondaryZoneNotified::zone,
        SecondaryZoneNotified::context,
        notified ->
            puller.pull(
                notified.zone().id(), "NOTIFY from " + notified.master(), notified.context()));
  }
}
