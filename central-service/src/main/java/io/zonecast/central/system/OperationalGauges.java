package io.zonecast.central.system;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.zonecast.model.messaging.Messaging;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges read on a schedule rather than at every scrape, so a scrape never waits on the database or
 * the broker: zones by status and action ({@code zonecast.zones}), changes not yet handed to the
 * broker ({@code zonecast.outbox.pending}) and messages waiting in each zonecast queue ({@code
 * zonecast.queue.messages}, the pool manager's and MiniDNS's backlog).
 */
@Component
class OperationalGauges {

  private static final Logger log = LoggerFactory.getLogger(OperationalGauges.class);
  private static final List<String> QUEUES =
      List.of(
          Messaging.ZONE_CHANGED.queue(),
          Messaging.UPDATE_STATUS.queue(),
          Messaging.NOTIFY_ZONE_CHANGED.queue(),
          Messaging.POLL_FOR_SERIAL_NUMBER.queue(),
          Messaging.ZONE_STATUS.queue(),
          Messaging.DEAD_LETTER_QUEUE);

  private final JdbcTemplate jdbc;
  private final AmqpAdmin broker;
  private final MultiGauge zonesByStatus;
  private final MultiGauge queueDepths;
  private final AtomicLong outboxPending = new AtomicLong();

  OperationalGauges(JdbcTemplate jdbc, AmqpAdmin broker, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.broker = broker;
    this.zonesByStatus =
        MultiGauge.builder("zonecast.zones")
            .description("zones by status and action")
            .register(meters);
    this.queueDepths =
        MultiGauge.builder("zonecast.queue.messages")
            .description("messages ready in each zonecast queue")
            .register(meters);
    Gauge.builder("zonecast.outbox.pending", outboxPending, AtomicLong::get)
        .description("committed changes not yet confirmed by the broker")
        .register(meters);
  }

  @Scheduled(fixedDelayString = "${zonecast.central.gauges-interval:10s}", initialDelay = 0)
  void refresh() {
    try {
      zonesByStatus.register(
          jdbc.query(
              "select status, action, count(*) from zones group by status, action",
              (rs, i) ->
                  MultiGauge.Row.of(
                      Tags.of("status", rs.getString(1), "action", rs.getString(2)),
                      rs.getLong(3))),
          true);
      outboxPending.set(jdbc.queryForObject("select count(*) from outbox_events", Long.class));
    } catch (RuntimeException e) {
      log.debug("zone gauges not refreshed: {}", e.toString());
    }
    try {
      queueDepths.register(
          QUEUES.stream()
              .map(queue -> {
                Properties info = broker.getQueueProperties(queue);
                Object count = info == null ? null : info.get(RabbitAdmin.QUEUE_MESSAGE_COUNT);
                return MultiGauge.Row.of(
                    Tags.of("queue", queue), count instanceof Number n ? n.longValue() : 0L);
              })
              .toList(),
          true);
    } catch (RuntimeException e) {
      log.debug("queue gauges not refreshed: {}", e.toString());
    }
  }
}
