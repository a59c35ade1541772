package io.zonecast.central.system;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.zonecast.runtime.amqp.AmqpContracts;
import io.zonecast.runtime.amqp.AmqpNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Gauges read on a schedule rather than at every scrape, so a scrape never waits on the database or
 * the broker: zones by status and action ({@code zonecast.zones}), changes not yet handed to the
 * broker ({@code zonecast.outbox.pending}) and messages waiting in each zonecast queue ({@code
 * zonecast.queue.messages}, the pool manager's and MiniDNS's backlog; tagged with the queue's name,
 * which contains the installation id).
 */
@Component
class OperationalGauges implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(OperationalGauges.class);

  private final JdbcTemplate jdbc;
  private final AmqpAdmin broker;
  private final MeterRegistry meters;
  private final Duration interval;
  // one gauge per (status, action) and per queue, registered once and updated in place: meters
  // removed and registered again while a scrape runs can show up twice in it
  private final Map<Tags, AtomicLong> zones = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> queues = new ConcurrentHashMap<>();
  private final AtomicLong outboxPending = new AtomicLong();

  OperationalGauges(
      JdbcTemplate jdbc,
      AmqpAdmin broker,
      MeterRegistry meters,
      AmqpNames names,
      CentralProperties properties) {
    this.jdbc = jdbc;
    this.interval = properties.gaugesInterval();
    this.broker = broker;
    this.meters = meters;
    Gauge.builder("zonecast.outbox.pending", outboxPending, AtomicLong::get)
        .description("committed changes not yet confirmed by the broker")
        .register(meters);
    List<String> all = new ArrayList<>();
    AmqpContracts.routes().forEach(route -> all.add(names.queue(route)));
    all.add(names.deadLetterQueue());
    for (String queue : all) {
      AtomicLong depth = new AtomicLong();
      queues.put(queue, depth);
      Gauge.builder("zonecast.queue.messages", depth, AtomicLong::get)
          .description("messages ready in each zonecast queue")
          .tag("queue", queue)
          .register(meters);
    }
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(new FixedDelayTask(this::refresh, interval, Duration.ZERO));
  }

  void refresh() {
    try {
      Map<Tags, Long> counts = new HashMap<>();
      jdbc.query(
          "select status, action, count(*) from zones group by status, action",
          row -> {
            counts.put(
                Tags.of("status", row.getString(1), "action", row.getString(2)), row.getLong(3));
          });
      counts.keySet().forEach(this::zoneGauge);
      zones.forEach((tags, value) -> value.set(counts.getOrDefault(tags, 0L)));
      outboxPending.set(jdbc.queryForObject("select count(*) from outbox_events", Long.class));
    } catch (RuntimeException e) {
      log.debug("zone gauges not refreshed: {}", e.toString());
    }
    for (String queue : queues.keySet()) {
      try {
        Properties info = broker.getQueueProperties(queue);
        Object count = info == null ? null : info.get(RabbitAdmin.QUEUE_MESSAGE_COUNT);
        queues.get(queue).set(count instanceof Number n ? n.longValue() : 0L);
      } catch (RuntimeException e) {
        log.debug("depth of queue {} not refreshed: {}", queue, e.toString());
      }
    }
  }

  private AtomicLong zoneGauge(Tags tags) {
    return zones.computeIfAbsent(
        tags,
        t -> {
          AtomicLong value = new AtomicLong();
          Gauge.builder("zonecast.zones", value, AtomicLong::get)
              .description("zones by status and action")
              .tags(t)
              .register(meters);
          return value;
        });
  }
}
