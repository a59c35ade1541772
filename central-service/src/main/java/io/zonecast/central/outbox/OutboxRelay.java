package io.zonecast.central.outbox;

import io.zonecast.central.system.CentralProperties;
import io.zonecast.runtime.amqp.AmqpNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox events to RabbitMQ and deletes each one only after the broker confirmed it
 * (publisher confirms), so a committed change is never lost. Rows are claimed with {@code FOR
 * UPDATE SKIP LOCKED}, so several central instances relay side by side without sending one event
 * twice in the normal case; after a crash between confirm and delete an event can be sent again,
 * which the consumers tolerate (they compare serials).
 */
@Component
class OutboxRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  static final String TYPE_HEADER = "__TypeId__";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final RabbitTemplate rabbit;
  private final AmqpNames names;
  private final CentralProperties.Outbox settings;
  private final Semaphore wakeUps = new Semaphore(0);
  private volatile boolean running;
  private Thread worker;

  OutboxRelay(
      JdbcTemplate jdbc, RabbitTemplate rabbit, AmqpNames names, CentralProperties properties) {
    this.jdbc = jdbc;
    // plain JDBC transactions: the relay reads and deletes rows only, and a JPA transaction would
    // open (and flush) a Hibernate session for every batch
    this.transactions =
        new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
    this.rabbit = rabbit;
    this.names = names;
    this.settings = properties.outbox();
  }

  void wakeUp() {
    wakeUps.release();
  }

  @Override
  public void start() {
    running = true;
    worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
  }

  @Override
  public void stop() {
    running = false;
    if (worker != null) {
      worker.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void loop() {
    while (running) {
      try {
        wakeUps.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        wakeUps.drainPermits();
        while (running && relayBatch() == settings.batchSize()) {
          // a full batch: there may be more right away
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn(
            "outbox relay round failed, retrying in {}: {}", settings.pollInterval(), e.toString());
        sleepQuietly();
      }
    }
  }

  /** Publishes one batch in one transaction; returns how many events were confirmed. */
  int relayBatch() {
    Integer sent =
        transactions.execute(status -> {
          List<Event> events =
              jdbc.query(
                  "select id, message_type, routing_key, payload, request_id, exchange from outbox_events"
                      + " order by id limit ? for update skip locked",
                  (rs, n) ->
                      new Event(
                          rs.getLong(1),
                          rs.getString(2),
                          rs.getString(3),
                          rs.getString(4),
                          rs.getString(5),
                          rs.getString(6)),
                  settings.batchSize());
          if (events.isEmpty()) {
            return 0;
          }
          List<Long> confirmed = publish(events);
          if (!confirmed.isEmpty()) {
            jdbc.update(
                "delete from outbox_events where id = any(?)",
                (Object) confirmed.toArray(Long[]::new));
          }
          if (confirmed.size() < events.size()) {
            jdbc.update(
                "update outbox_events set attempts = attempts + 1 where id = any(?)",
                (Object)
                    events.stream()
                        .map(Event::id)
                        .filter(id -> !confirmed.contains(id))
                        .toArray(Long[]::new));
          }
          return confirmed.size();
        });
    return sent == null ? 0 : sent;
  }

  private List<Long> publish(List<Event> events) {
    List<CorrelationData> pending = new ArrayList<>();
    for (Event event : events) {
      MessageProperties props = new MessageProperties();
      props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
      props.setContentEncoding(StandardCharsets.UTF_8.name());
      props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
      props.setHeader(TYPE_HEADER, event.type());
      props.setMessageId("outbox-" + event.id());
      if (event.requestId() != null) {
        props.setCorrelationId(event.requestId());
      }
      CorrelationData correlation = new CorrelationData(Long.toString(event.id()));
      rabbit.send(
          event.exchange() == null ? names.exchange() : event.exchange(),
          event.routingKey(),
          new Message(event.payload().getBytes(StandardCharsets.UTF_8), props),
          correlation);
      pending.add(correlation);
    }
    List<Long> confirmed = new ArrayList<>();
    for (CorrelationData correlation : pending) {
      try {
        CorrelationData.Confirm confirm =
            correlation
                .getFuture()
                .get(settings.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
        if (confirm.ack()) {
          confirmed.add(Long.parseLong(correlation.getId()));
        } else {
          log.warn("broker refused outbox event {}: {}", correlation.getId(), confirm.reason());
        }
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        log.warn("no confirm for outbox event {}: {}", correlation.getId(), e.toString());
      }
    }
    return confirmed;
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(settings.pollInterval().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Event(
      long id, String type, String routingKey, String payload, String requestId, String exchange) {}
}
