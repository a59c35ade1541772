package io.zonecast.central.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notifications enabled, against a real RabbitMQ: a consumer queue bound to the topic exchange
 * receives one oslo.messaging notification per change, in the order of the changes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("central_notification_it");
  static final String EXCHANGE = "designate-it";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add(
        "zonecast.central.pools-file",
        () -> NotificationIT.class.getResource("/test-pools.yaml").getPath());
    registry.add("zonecast.central.notifications.enabled", () -> "true");
    registry.add("zonecast.central.notifications.exchange", () -> EXCHANGE);
    registry.add("zonecast.central.notifications.durable-exchange", () -> "true");
    registry.add("zonecast.central.notifications.publisher-id", () -> "central.it");
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @LocalServerPort int port;
  @Autowired AmqpAdmin amqp;
  @Autowired RabbitTemplate rabbit;
  final JsonMapper json = JsonMapper.builder().build();
  final List<String> queues = new ArrayList<>();

  @AfterEach
  void deleteQueues() {
    queues.forEach(amqp::deleteQueue);
  }

  String consumerQueue() {
    String queue = "notifications-it-" + UUID.randomUUID();
    // not auto-delete: each receive below is a consumer of its own
    amqp.declareQueue(new Queue(queue, true, false, false));
    queues.add(queue);
    Binding binding =
        BindingBuilder.bind(new Queue(queue))
            .to(new TopicExchange(EXCHANGE, true, false))
            .with("notifications.info");
    amqp.declareBinding(binding);
    return queue;
  }

  /** The next notification on the queue, unwrapped from oslo.messaging's v2 envelope. */
  JsonNode next(String queue) {
    Message message = rabbit.receive(queue, 30_000);
    assertThat(message).as("a notification on " + queue).isNotNull();
    assertThat(message.getMessageProperties().getReceivedRoutingKey())
        .isEqualTo("notifications.info");
    assertThat(message.getMessageProperties().getReceivedExchange()).isEqualTo(EXCHANGE);
    JsonNode envelope = json.readTree(new String(message.getBody(), StandardCharsets.UTF_8));
    assertThat(envelope.get("oslo.version").asString()).isEqualTo("2.0");
    return json.readTree(envelope.get("oslo.message").asString());
  }

  @Test
  void everyZoneAndRecordsetChangeIsOneNotificationInOrder() {
    String queue = consumerQueue();
    String project = "notify-" + UUID.randomUUID().toString().substring(0, 8);
    ApiClient api = new ApiClient(port, project).withHeader("X-Roles", "member");
    String name = project + ".example.org.";
    String zoneId =
        api.post("/v2/zones", "{\"name\":\"" + name + "\",\"email\":\"h@example.org\"}")
            .body()
            .get("id")
            .asString();
    String rsId =
        api.post(
                "/v2/zones/" + zoneId + "/recordsets",
                "{\"name\":\"www." + name + "\",\"type\":\"A\",\"records\":[\"192.0.2.1\"]}")
            .body()
            .get("id")
            .asString();
    assertThat(
            api.put(
                    "/v2/zones/" + zoneId + "/recordsets/" + rsId,
                    "{\"records\":[\"192.0.2.2\",\"192.0.2.3\"]}")
                .status())
        .isEqualTo(202);
    assertThat(api.patch("/v2/zones/" + zoneId, "{\"ttl\":600}").status()).isEqualTo(202);
    assertThat(api.delete("/v2/zones/" + zoneId + "/recordsets/" + rsId).status()).isEqualTo(202);
    // a refused change is no change: nothing emitted
    assertThat(api.patch("/v2/zones/" + zoneId, "{\"ttl\":-1}").status()).isEqualTo(400);
    assertThat(api.delete("/v2/zones/" + zoneId).status()).isEqualTo(202);

    List<JsonNode> events = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      events.add(next(queue));
    }
    assertThat(events.stream().map(e -> e.get("event_type").asString()))
        .containsExactly(
            "dns.zone.create",
            "dns.recordset.create",
            "dns.recordset.update",
            "dns.zone.update",
            "dns.recordset.delete",
            "dns.zone.delete");
    assertThat(rabbit.receive(queue, 1000)).as("no further notification").isNull();

    JsonNode created = events.getFirst();
    assertThat(created.get("priority").asString()).isEqualTo("INFO");
    assertThat(created.get("publisher_id").asString()).isEqualTo("central.it");
    assertThat(created.get("message_id").asString()).hasSize(36);
    assertThat(created.get("timestamp").asString())
        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
    assertThat(created.get("_context_project_id").asString()).isEqualTo(project);
    assertThat(created.get("_context_request_id").asString()).startsWith("req-");
    JsonNode zone = created.get("payload");
    assertThat(zone.get("id").asString()).isEqualTo(zoneId);
    assertThat(zone.get("tenant_id").asString()).isEqualTo(project);
    assertThat(zone.get("name").asString()).isEqualTo(name);
    assertThat(zone.get("status").asString()).isEqualTo("PENDING");
    assertThat(zone.get("action").asString()).isEqualTo("CREATE");
    assertThat(events.get(3).get("payload").get("ttl").asInt()).isEqualTo(600);
    assertThat(events.get(5).get("payload").get("action").asString()).isEqualTo("DELETE");

    JsonNode updated = events.get(2).get("payload");
    assertThat(updated.get("id").asString()).isEqualTo(rsId);
    assertThat(updated.get("zone_id").asString()).isEqualTo(zoneId);
    assertThat(updated.get("zone_name").asString()).isEqualTo(name);
    assertThat(updated.get("name").asString()).isEqualTo("www." + name);
    assertThat(updated.get("type").asString()).isEqualTo("A");
    assertThat(updated.get("records").valueStream().map(r -> r.get("data").asString()))
        .containsExactly("192.0.2.2", "192.0.2.3");
  }

  @Test
  void transferRequestsAndAcceptsAreNotifiedToo() {
    String queue = consumerQueue();
    String project = "notify-t-" + UUID.randomUUID().toString().substring(0, 8);
    ApiClient api = new ApiClient(port, project).withHeader("X-Roles", "member");
    String zoneId =
        api.post(
                "/v2/zones",
                "{\"name\":\"" + project + ".example.org.\",\"email\":\"h@example.org\"}")
            .body()
            .get("id")
            .asString();
    JsonNode request = api.post("/v2/zones/" + zoneId + "/tasks/transfer_requests", "{}").body();
    ApiClient other = new ApiClient(port, "taker-" + project).withHeader("X-Roles", "member");
    assertThat(
            other
                .post(
                    "/v2/zones/tasks/transfer_accepts",
                    "{\"zone_transfer_request_id\":\""
                        + request.get("id").asString()
                        + "\",\"key\":\""
                        + request.get("key").asString()
                        + "\"}")
                .status())
        .isEqualTo(201);
    assertThat(next(queue).get("event_type").asString()).isEqualTo("dns.zone.create");
    JsonNode offered = next(queue);
    assertThat(offered.get("event_type").asString()).isEqualTo("dns.zone_transfer_request.create");
    assertThat(offered.get("payload").get("zone_id").asString()).isEqualTo(zoneId);
    JsonNode accepted = next(queue);
    assertThat(accepted.get("event_type").asString()).isEqualTo("dns.zone_transfer_accept.create");
    assertThat(accepted.get("payload").get("tenant_id").asString()).isEqualTo("taker-" + project);
  }
}
