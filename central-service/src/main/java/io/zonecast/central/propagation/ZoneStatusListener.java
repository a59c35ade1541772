package io.zonecast.central.propagation;

import com.rabbitmq.client.Channel;
import io.zonecast.central.zone.ZoneStatusUpdater;
import io.zonecast.model.central.ZoneStatusReport;
import io.zonecast.runtime.amqp.AmqpContracts;
import io.zonecast.runtime.amqp.ContractListener;
import java.util.concurrent.CompletableFuture;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Receives the pool manager's verdicts on propagations. A report that cannot be applied (e.g. the
 * database is away) is tried again and at last dead-lettered by {@link ContractListener}.
 */
@Component
class ZoneStatusListener {

  private final ZoneStatusUpdater updater;
  private final ContractListener listener;

  ZoneStatusListener(ZoneStatusUpdater updater, ContractListener listener) {
    this.updater = updater;
    this.listener = listener;
  }

  @RabbitListener(
      queues = "#{@amqpNames.queue(T(io.zonecast.model.messaging.Messaging).ZONE_STATUS)}",
      messageConverter = AmqpContracts.RAW_CONVERTER)
  void on(Message message, Channel channel) {
    listener.receiveFollowUp(
        message,
        channel,
        ZoneStatusReport.class,
        ZoneStatusReport::zone,
        ZoneStatusReport::context,
        report -> {
          updater.apply(report);
          return CompletableFuture.completedFuture(null);
        });
  }
}
