package io.zonecast.central.propagation;

import io.zonecast.central.zone.ZoneStatusUpdater;
import io.zonecast.model.central.ZoneStatusReport;
import io.zonecast.model.messaging.LogContext;
import io.zonecast.model.messaging.amqp.AmqpContracts;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.stereotype.Component;

/** Receives the pool manager's verdicts on propagations. */
@Component
class ZoneStatusListener {

  private final ZoneStatusUpdater updater;
  private final MessageConverter converter;
  private final RabbitTemplate rabbit;

  ZoneStatusListener(ZoneStatusUpdater updater, MessageConverter converter, RabbitTemplate rabbit) {
    this.updater = updater;
    this.converter = converter;
    this.rabbit = rabbit;
  }

  @RabbitListener(
      queues = "#{T(io.zonecast.model.messaging.Messaging).ZONE_STATUS.queue()}",
      messageConverter = AmqpContracts.RAW_CONVERTER)
  void on(Message message) {
    AmqpContracts.read(message, ZoneStatusReport.class, converter, rabbit)
        .ifPresent(report -> LogContext.run(report.context(), () -> updater.apply(report)));
  }
}
