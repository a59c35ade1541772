package io.zonecast.central.outbox;

import io.zonecast.central.system.CentralProperties;
import io.zonecast.runtime.amqp.AmqpNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox events to RabbitMQ and deletes each one only after the broker confirmed it
 * (publisher confirms), so a committed change is never lost. One relay works at a time across
 * central instances, and an event is deleted only when every earlier event of its zone (on its
 * exchange) was confirmed too, so a zone's events reach their consumers in the order they were
 * written, also across a broker restart. After a lost confirm or a crash between confirm and delete
 * an event can be sent again, with the same message id, which the consumers tolerate (they compare
 * serials).
 */
@Component
class OutboxRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  static final String TYPE_HEADER = "__TypeId__";
  private static final long RELAY_LOCK = 0x7a63_6f75_7462_6f78L; // "zcoutbox"

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

  /**
   * Publishes one batch in one transaction; returns how many events were relayed for good
   * (deleted). Only one relay works at a time across all central instances (a transaction-scoped
   * advisory lock), so events leave in the order they were written.
   */
  int relayBatch() {
    Integer relayed =
        transactions.execute(status -> {
          jdbc.query("select pg_advisory_xact_lock(?)", rs -> {}, RELAY_LOCK);
          List<Event> events =
              jdbc.query(
                  "select id, message_type, routing_key, payload, request_id, exchange, zone_id"
                      + " from outbox_events order by id limit ? for update skip locked",
                  (rs, n) ->
                      new Event(
                          rs.getLong(1),
                          rs.getString(2),
                          rs.getString(3),
                          rs.getString(4),
                          rs.getString(5),
                          rs.getString(6) == null ? names.exchange() : rs.getString(6),
                          rs.getString(7)),
                  settings.batchSize());
          if (events.isEmpty()) {
            return 0;
          }
          Set<Long> confirmed = publish(events);
          List<Long> done = new ArrayList<>();
          List<Long> again = new ArrayList<>();
          Set<String> heldBack = new HashSet<>();
          for (Event event : events) {
            // an event after an unconfirmed one of its stream is sent again with it, so that no
            // consumer sees it before the earlier one
            if (confirmed.contains(event.id()) && !heldBack.contains(event.stream())) {
              done.add(event.id());
            } else {
              heldBack.add(event.stream());
              again.add(event.id());
            }
          }
          if (!done.isEmpty()) {
            jdbc.update(
                "delete from outbox_events where id = any(?)", (Object) done.toArray(Long[]::new));
          }
          if (!again.isEmpty()) {
            jdbc.update(
                "update outbox_events set attempts = attempts + 1 where id = any(?)",
                (Object) again.toArray(Long[]::new));
          }
          return done.size();
        });
    return relayed == null ? 0 : relayed;
  }

  /**
   * Publishes each exchange's events in order over one channel of their own, so that a lost channel
   * loses every later event of that exchange too, never an earlier one alone, and an exchange the
   * broker refuses does not hold back the others. Returns the confirmed ids.
   */
  private Set<Long> publish(List<Event> events) {
    Map<String, List<Event>> byExchange = new LinkedHashMap<>();
    for (Event event : events) {
      byExchange.computeIfAbsent(event.exchange(), e -> new ArrayList<>()).add(event);
    }
    Set<Long> confirmed = new HashSet<>();
    byExchange.forEach((exchange, inOrder) -> {
      try {
        rabbit.invoke(channel -> publishOnOneChannel(channel, inOrder, confirmed));
      } catch (AmqpException e) {
        log.warn(
            "could not publish {} outbox events to {}: {}", inOrder.size(), exchange, e.toString());
      }
    });
    return confirmed;
  }

  private Void publishOnOneChannel(
      RabbitOperations channel, List<Event> inOrder, Set<Long> confirmed) {
    List<CorrelationData> pending = new ArrayList<>();
    for (Event event : inOrder) {
      CorrelationData correlation = new CorrelationData(Long.toString(event.id()));
      try {
        channel.send(event.exchange(), event.routingKey(), message(event), correlation);
      } catch (AmqpException e) {
        log.warn("outbox event {} not sent: {}", event.id(), e.toString());
        break;
      }
      pending.add(correlation);
    }
    // one deadline for the whole batch: a broker that confirms nothing costs one timeout, not one
    // per event
    long deadline = System.nanoTime() + settings.confirmTimeout().toNanos();
    for (CorrelationData correlation : pending) {
      if (confirmedByBroker(correlation, deadline)) {
        confirmed.add(Long.parseLong(correlation.getId()));
      }
    }
    return null;
  }

  private static Message message(Event event) {
    MessageProperties props = new MessageProperties();
    props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    props.setContentEncoding(StandardCharsets.UTF_8.name());
    props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    props.setHeader(TYPE_HEADER, event.type());
    props.setMessageId("outbox-" + event.id());
    if (event.requestId() != null) {
      props.setCorrelationId(event.requestId());
    }
    return new Message(event.payload().getBytes(StandardCharsets.UTF_8), props);
  }

  private boolean confirmedByBroker(CorrelationData correlation, long deadline) {
    try {
      CorrelationData.Confirm confirm =
          correlation
              .getFuture()
              .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (!confirm.ack()) {
        log.warn("broker refused outbox event {}: {}", correlation.getId(), confirm.reason());
      }
      return confirm.ack();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      log.warn("no confirm for outbox event {}: {}", correlation.getId(), e.toString());
      return false;
    }
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(settings.pollInterval().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * @param zoneId the zone the event is about, or null (notifications, pool-wide events)
   */
  private record Event(
      long id,
      String type,
      String routingKey,
      String payload,
      String requestId,
      String exchange,
      String zoneId) {

    /**
     * The events that must reach consumers in the order they were written: a zone's, per exchange.
     */
    String stream() {
      return exchange + "/" + zoneId;
    }
  }
}
