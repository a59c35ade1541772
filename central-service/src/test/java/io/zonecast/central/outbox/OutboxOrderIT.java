package io.zonecast.central.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.runtime.amqp.AmqpNames;
import io.zonecast.testsupport.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The relay keeps each zone's events in order: one that the broker does not confirm holds back the
 * later events of its zone (they stay in the outbox and are sent again after it), and only those.
 * The broker refuses an event here because its queue takes no message ({@code x-max-length} 0,
 * {@code reject-publish}), or because its exchange does not exist.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OutboxOrderIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("central_outbox_order_it");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add(
        "zonecast.central.pools-file",
        () -> OutboxOrderIT.class.getResource("/test-pools.yaml").getPath());
    registry.add("zonecast.central.outbox.poll-interval", () -> "200ms");
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired AmqpAdmin amqp;
  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpNames names;
  final List<String> queues = new ArrayList<>();
  final List<String> exchanges = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    queues.forEach(amqp::deleteQueue);
    exchanges.forEach(amqp::deleteExchange);
  }

  @Test
  void aRefusedEventHoldsBackTheLaterEventsOfItsZoneAndNoOtherZone() {
    String run = UUID.randomUUID().toString();
    String refusing =
        queue(
            "outbox-order-refusing-" + run,
            Map.of("x-max-length", 0, "x-overflow", "reject-publish"));
    bind(refusing, names.exchange(), "test.order.refused." + run);
    String open = queue("outbox-order-open-" + run, Map.of());
    bind(open, names.exchange(), "test.order.open." + run);
    UUID zone = UUID.randomUUID();
    UUID otherZone = UUID.randomUUID();

    List<Long> ids =
        jdbc.queryForList(
            "insert into outbox_events (message_type, routing_key, payload, zone_id) values"
                + " ('test.order', ?, '{\"n\":1}', ?),"
                + " ('test.order', ?, '{\"n\":2}', ?),"
                + " ('test.order', ?, '{\"n\":3}', ?) returning id",
            Long.class,
            "test.order.refused." + run,
            zone,
            "test.order.open." + run,
            zone,
            "test.order.open." + run,
            otherZone);
    long refused = ids.get(0);
    long heldBack = ids.get(1);
    long otherZones = ids.get(2);

    await("the refused event tried again")
        .atMost(Duration.ofSeconds(30))
        .until(() -> attempts(refused) >= 3);
    assertThat(inOutbox(otherZones)).as("another zone's event is relayed").isFalse();
    assertThat(inOutbox(heldBack)).as("the later event of the refused one's zone").isTrue();
    List<String> received = drain(open);
    assertThat(received).contains("{\"n\":3}");

    amqp.deleteQueue(refusing); // the event is now routed nowhere, which the broker confirms
    await("the zone's events relayed")
        .atMost(Duration.ofSeconds(30))
        .until(() -> !inOutbox(refused) && !inOutbox(heldBack));
    received.addAll(drain(open));
    assertThat(received.getLast())
        .as("the held back event was sent again after")
        .isEqualTo("{\"n\":2}");
  }

  @Test
  void anExchangeTheBrokerDoesNotKnowHoldsBackOnlyItsOwnEvents() {
    String run = UUID.randomUUID().toString();
    String missing = "outbox-order-missing-" + run;
    String open = queue("outbox-order-open-" + run, Map.of());
    bind(open, names.exchange(), "test.order.open." + run);

    List<Long> ids =
        jdbc.queryForList(
            "insert into outbox_events (exchange, message_type, routing_key, payload) values"
                + " (?, 'test.order', 'test.order.elsewhere', '{\"n\":1}'),"
                + " (null, 'test.order', ?, '{\"n\":2}') returning id",
            Long.class,
            missing,
            "test.order.open." + run);

    await("the event for the missing exchange tried again")
        .atMost(Duration.ofSeconds(30))
        .until(() -> attempts(ids.get(0)) >= 2);
    assertThat(inOutbox(ids.get(1))).as("zonecast's own exchange's event").isFalse();
    assertThat(drain(open)).containsExactly("{\"n\":2}");

    amqp.declareExchange(new TopicExchange(missing, false, true));
    exchanges.add(missing);
    await("relayed once the exchange exists")
        .atMost(Duration.ofSeconds(30))
        .until(() -> !inOutbox(ids.get(0)));
  }

  private String queue(String name, Map<String, Object> arguments) {
    amqp.declareQueue(new Queue(name, false, false, false, arguments));
    queues.add(name);
    return name;
  }

  private void bind(String queue, String exchange, String routingKey) {
    amqp.declareBinding(
        new Binding(queue, Binding.DestinationType.QUEUE, exchange, routingKey, null));
  }

  private int attempts(long id) {
    List<Integer> attempts =
        jdbc.queryForList("select attempts from outbox_events where id = ?", Integer.class, id);
    return attempts.isEmpty() ? 0 : attempts.getFirst();
  }

  private boolean inOutbox(long id) {
    return jdbc.queryForObject("select count(*) from outbox_events where id = ?", Long.class, id)
        > 0;
  }

  private List<String> drain(String queue) {
    List<String> bodies = new ArrayList<>();
    Message message;
    while ((message = rabbit.receive(queue)) != null) {
      bodies.add(new String(message.getBody(), StandardCharsets.UTF_8));
    }
    return bodies;
  }
}
