package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.zonecast.testsupport.ApiClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Designate's notifications with the whole stack and a broker of the test's own: a consumer queue
 * bound to the notification exchange gets one notification per change, in order per zone, also for
 * the changes made while the broker was stopped (they wait in central's outbox).
 */
class NotificationSystemIT {

  static final String EXCHANGE = "designate";
  static final JsonMapper JSON = JsonMapper.builder().build();

  static EmbeddedAmqpBroker broker;

  @RegisterExtension
  static final StackExtension stack =
      StackExtension.named("notify")
          .before(() -> broker = EmbeddedAmqpBroker.start())
          .central(
              "--zonecast.central.notifications.enabled=true",
              "--zonecast.central.notifications.durable-exchange=true")
          .options(o -> o.amqpPort(broker.port));

  static ConnectionFactory factory() {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(broker.port);
    factory.setUsername("guest");
    factory.setPassword("guest");
    factory.setVirtualHost("/");
    return factory;
  }

  /** A durable queue bound as an oslo.messaging notification listener binds its own. */
  static String consumerQueue() throws Exception {
    String queue = "billing-" + UUID.randomUUID();
    try (com.rabbitmq.client.Connection connection = factory().newConnection();
        Channel channel = connection.createChannel()) {
      channel.exchangeDeclare(EXCHANGE, "topic", true);
      channel.queueDeclare(queue, true, false, false, null);
      channel.queueBind(queue, EXCHANGE, "notifications.info");
    }
    return queue;
  }

  /** Takes every message from the queue: the notifications, unwrapped from the envelope. */
  static List<JsonNode> drain(String queue) throws Exception {
    List<JsonNode> messages = new ArrayList<>();
    try (com.rabbitmq.client.Connection connection = factory().newConnection();
        Channel channel = connection.createChannel()) {
      GetResponse message;
      while ((message = channel.basicGet(queue, true)) != null) {
        JsonNode envelope = JSON.readTree(new String(message.getBody(), StandardCharsets.UTF_8));
        assertThat(envelope.get("oslo.version").asString()).isEqualTo("2.0");
        messages.add(JSON.readTree(envelope.get("oslo.message").asString()));
      }
    }
    return messages;
  }

  static String id(ApiClient.Response response) {
    assertThat(response.status()).as("%s", response.body()).isEqualTo(202);
    return response.body().get("id").asString();
  }

  @Test
  void everyChangeIsOneNotificationInOrderPerZoneAcrossABrokerRestart() throws Exception {
    String queue = consumerQueue();
    String run = UUID.randomUUID().toString().substring(0, 8);
    ApiClient api = new ApiClient("http://127.0.0.1:" + stack.apiPort(), "billing-" + run);
    String a = "a-" + run + ".example.org.";
    String b = "b-" + run + ".example.org.";
    String zoneA =
        id(api.post("/v2/zones", "{\"name\":\"" + a + "\",\"email\":\"h@example.org\"}"));
    String zoneB =
        id(api.post("/v2/zones", "{\"name\":\"" + b + "\",\"email\":\"h@example.org\"}"));
    String wwwA =
        id(
            api.post(
                "/v2/zones/" + zoneA + "/recordsets",
                "{\"name\":\"www." + a + "\",\"type\":\"A\",\"records\":[\"192.0.2.1\"]}"));

    broker.stop();
    try {
      id(api.put("/v2/zones/" + zoneA + "/recordsets/" + wwwA, "{\"records\":[\"192.0.2.2\"]}"));
      id(
          api.post(
              "/v2/zones/" + zoneB + "/recordsets",
              "{\"name\":\"mail." + b + "\",\"type\":\"A\",\"records\":[\"192.0.2.3\"]}"));
      id(api.patch("/v2/zones/" + zoneA, "{\"ttl\":900}"));
      id(api.delete("/v2/zones/" + zoneA + "/recordsets/" + wwwA));
    } finally {
      broker.startAgain();
    }
    id(api.delete("/v2/zones/" + zoneB));

    Map<String, JsonNode> distinct = new LinkedHashMap<>();
    await("every notification")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> {
          for (JsonNode message : drain(queue)) {
            // a notification sent again after a lost confirm repeats its message_id
            distinct.putIfAbsent(message.get("message_id").asString(), message);
          }
          return distinct.size() >= 8;
        });
    assertThat(drain(queue)).as("nothing more").isEmpty();

    Map<String, List<String>> perZone = new LinkedHashMap<>();
    for (JsonNode message : distinct.values()) {
      JsonNode payload = message.get("payload");
      String zoneId =
          message.get("event_type").asString().startsWith("dns.zone.")
              ? payload.get("id").asString()
              : payload.get("zone_id").asString();
      perZone
          .computeIfAbsent(zoneId, z -> new ArrayList<>())
          .add(message.get("event_type").asString());
      assertThat(message.get("_context_project_id").asString()).isEqualTo("billing-" + run);
    }
    assertThat(perZone.get(zoneA))
        .containsExactly(
            "dns.zone.create",
            "dns.recordset.create",
            "dns.recordset.update",
            "dns.zone.update",
            "dns.recordset.delete");
    assertThat(perZone.get(zoneB))
        .containsExactly("dns.zone.create", "dns.recordset.create", "dns.zone.delete");
    assertThat(perZone).containsOnlyKeys(zoneA, zoneB);
  }
}
