package io.zonecast.central.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.model.postgres.PostgresChannels;
import io.zonecast.runtime.amqp.AmqpNames;
import io.zonecast.testsupport.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An outbox event committed by another process (as MiniDNS's pulls of SECONDARY zones do) and
 * announced on {@code zonecast_outbox} is relayed at once. The relay's poll is an hour here, so
 * only the announcement can deliver it within the test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OutboxWakeUpIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("central_outbox_wake_it");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add(
        "zonecast.central.pools-file",
        () -> OutboxWakeUpIT.class.getResource("/test-pools.yaml").getPath());
    registry.add("zonecast.central.outbox.poll-interval", () -> "1h");
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @Autowired OutboxWakeUps wakeUps;
  @Autowired DataSourceProperties database;
  @Autowired JdbcTemplate jdbc;
  @Autowired AmqpAdmin amqp;
  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpNames names;
  final List<String> queues = new ArrayList<>();

  @AfterEach
  void deleteQueues() {
    queues.forEach(amqp::deleteQueue);
  }

  @Test
  void anEventAnotherProcessCommitsAndAnnouncesIsRelayedWithoutWaitingForThePoll()
      throws Exception {
    await().atMost(Duration.ofSeconds(30)).until(wakeUps::listening);
    String routingKey = "test.outbox-wake." + UUID.randomUUID();
    String queue = queueFor(routingKey);

    writeFromAnotherConnection(routingKey, "{\"n\":1}", true);

    assertDelivered(queue, routingKey, "{\"n\":1}");
  }

  @Test
  void aLostListeningConnectionIsOpenedAgainAndListensAgain() throws Exception {
    await().atMost(Duration.ofSeconds(30)).until(wakeUps::listening);
    int lost = listenerBackend();
    assertThat(jdbc.queryForObject("select pg_terminate_backend(?)", Boolean.class, lost)).isTrue();

    // a new connection, LISTENing: the old one was given up before the new one was opened
    AtomicReference<Integer> reopened = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> {
          reopened.set(listenerBackendOrNull());
          return reopened.get() != null && reopened.get() != lost && wakeUps.listening();
        });
    String routingKey = "test.outbox-wake." + UUID.randomUUID();
    String queue = queueFor(routingKey);

    writeFromAnotherConnection(routingKey, "{\"n\":2}", true);

    assertDelivered(queue, routingKey, "{\"n\":2}");
  }

  private String queueFor(String routingKey) {
    String queue = "outbox-wake-it-" + UUID.randomUUID();
    amqp.declareQueue(new Queue(queue, false, false, false));
    queues.add(queue);
    amqp.declareBinding(
        BindingBuilder.bind(new Queue(queue))
            .to(new TopicExchange(names.exchange(), true, false))
            .with(routingKey));
    return queue;
  }

  /** One transaction on a connection of its own: the event, its announcement, then commit. */
  private void writeFromAnotherConnection(String routingKey, String payload, boolean commit)
      throws SQLException {
    try (Connection other =
        DriverManager.getConnection(
            database.determineUrl(), database.determineUsername(), database.determinePassword())) {
      other.setAutoCommit(false);
      try (PreparedStatement insert =
          other.prepareStatement(
              "insert into outbox_events (message_type, routing_key, payload) values (?, ?, ?)")) {
        insert.setString(1, "test.outbox-wake");
        insert.setString(2, routingKey);
        insert.setString(3, payload);
        insert.executeUpdate();
      }
      try (Statement notify = other.createStatement()) {
        notify.execute("NOTIFY " + PostgresChannels.OUTBOX);
      }
      if (commit) {
        other.commit();
      } else {
        other.rollback();
      }
    }
  }

  private void assertDelivered(String queue, String routingKey, String payload) {
    AtomicReference<Message> received = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> {
          received.set(rabbit.receive(queue));
          return received.get() != null;
        });
    assertThat(new String(received.get().getBody(), StandardCharsets.UTF_8)).isEqualTo(payload);
    assertThat(received.get().getMessageProperties().getReceivedRoutingKey()).isEqualTo(routingKey);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from outbox_events where routing_key = ?", Long.class, routingKey))
        .isZero();
  }

  private int listenerBackend() {
    Integer pid = listenerBackendOrNull();
    assertThat(pid).as("the backend listening on " + PostgresChannels.OUTBOX).isNotNull();
    return pid;
  }

  private Integer listenerBackendOrNull() {
    List<Integer> pids =
        jdbc.queryForList(
            "select pid from pg_stat_activity where datname = current_database()"
                + " and application_name = ?",
            Integer.class,
            OutboxWakeUps.APPLICATION_NAME);
    assertThat(pids).hasSizeLessThanOrEqualTo(1);
    return pids.isEmpty() ? null : pids.getFirst();
  }
}
