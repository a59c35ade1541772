package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.poolmanager.ZoneChanged;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.runtime.amqp.AmqpNames;
import io.zonecast.runtime.amqp.Installation;
import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Secondary;
import io.zonecast.testsupport.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two installations, each with its own database, services and BIND9 secondaries, on ONE RabbitMQ
 * and ONE virtual host (the test JVM's), with the same pool id: each creates zones, and no zone of
 * one ever reaches the other's secondaries or is acted on by the other's services. A message of one
 * put on purpose into the other's exchange (a misconfiguration) is dead-lettered there, counted and
 * logged, and provisions nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstallationsSystemIT {

  static final Duration PATIENCE = Duration.ofSeconds(120);
  static final TestInfrastructure infra = TestInfrastructure.get();
  static final List<String> FAST_HEARTBEAT = List.of("--zonecast.heartbeat.interval=1s");

  @RegisterExtension
  @Order(1)
  static final StackExtension one = StackExtension.named("inst-one").poolManager(FAST_HEARTBEAT);

  @RegisterExtension
  @Order(2)
  static final StackExtension two = StackExtension.named("inst-two").poolManager(FAST_HEARTBEAT);

  @Test
  @Order(1) // before the next one puts a stray message into installation two's exchange
  void eachInstallationProvisionsOnlyItsOwnZones() throws Exception {
    assertThat(one.get().installationId()).isNotEqualTo(two.get().installationId());
    List<String> ofOne = createZones(one.get(), "one", 3);
    List<String> ofTwo = createZones(two.get(), "two", 3);
    for (String id : ofOne) {
      awaitActiveOn(one.get(), id);
    }
    for (String id : ofTwo) {
      awaitActiveOn(two.get(), id);
    }

    assertNeverOn(two.get(), names(one.get(), ofOne));
    assertNeverOn(one.get(), names(two.get(), ofTwo));
    for (String zone : names(one.get(), ofOne)) {
      assertThat(two.get().poolManagerOwnLines())
          .as("installation two's pool manager")
          .doesNotContain(zone);
      assertThat(one.get().poolManagerOwnLines())
          .as("installation one's pool manager")
          .contains(zone);
    }
    for (String zone : names(two.get(), ofTwo)) {
      assertThat(one.get().poolManagerOwnLines())
          .as("installation one's pool manager")
          .doesNotContain(zone);
    }
    for (ZonecastStack stack : List.of(one.get(), two.get())) {
      for (String service : List.of("central", "pool-manager", "minidns")) {
        assertThat(deadLettered(stack, service))
            .as("%s of installation %s dead-lettered nothing", service, stack.installationId())
            .containsEntry("foreign_installation", 0L)
            .containsEntry("unknown_zone", 0L);
      }
    }
  }

  @Test
  @Order(2)
  void aMessageOfOneInstallationPutIntoTheOthersExchangeIsDeadLetteredAndNotActedOn()
      throws Exception {
    String id = createZones(one.get(), "stray", 1).getFirst();
    awaitActiveOn(one.get(), id);
    JsonNode zone = one.get().api.get("/v2/zones/" + id).body();
    ZoneRef ref =
        new ZoneRef(
            UUID.fromString(id),
            zone.get("name").asString(),
            UUID.fromString(zone.get("pool_id").asString()),
            zone.get("serial").asLong());
    AmqpNames ofTwo = two.get().amqpNames();
    drain(ofTwo.deadLetterQueue());

    // the change as installation one published it, and once more as if both had the same id
    publish(ofTwo.exchange(), ref, one.get().installationId());
    publish(ofTwo.exchange(), ref, two.get().installationId());

    List<String> reasons = new ArrayList<>();
    await("both dead-lettered by installation two")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> {
          reasons.addAll(drain(ofTwo.deadLetterQueue()));
          return reasons.size() >= 2;
        });
    assertThat(reasons)
        .anySatisfy(r ->
            assertThat(r)
                .startsWith(
                    "foreign_installation: published by installation "
                        + one.get().installationId()))
        .anySatisfy(r -> assertThat(r).startsWith("unknown_zone: zone " + ref.name()));
    await("counted in installation two's service_statuses")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() ->
            assertThat(deadLettered(two.get(), "pool-manager"))
                .containsEntry("foreign_installation", 1L)
                .containsEntry("unknown_zone", 1L));
    assertThat(two.get().poolManagerOwnLines())
        .contains("dead-lettered (foreign_installation)")
        .contains("dead-lettered (unknown_zone)");
    assertNeverOn(two.get(), List.of(ref.name()));
  }

  static List<String> createZones(ZonecastStack stack, String label, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name =
          label + i + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
      ApiClient.Response created =
          stack.api.post(
              "/v2/zones",
              "{\"name\":\"" + name + "\",\"email\":\"hostmaster@example.org\",\"ttl\":300}");
      assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
      ids.add(created.body().get("id").asString());
    }
    return ids;
  }

  static List<String> names(ZonecastStack stack, List<String> ids) {
    return ids.stream()
        .map(id -> stack.api.get("/v2/zones/" + id).body().get("name").asString())
        .toList();
  }

  /** ACTIVE at the installation's central, at its serial on both of its secondaries. */
  static void awaitActiveOn(ZonecastStack stack, String id) {
    await("zone " + id + " ACTIVE; logs in target/system-test-logs")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> {
          JsonNode zone = stack.api.get("/v2/zones/" + id).body();
          assertThat(zone.get("status").asString()).isEqualTo("ACTIVE");
          for (Bind9Secondary bind : stack.secondaries()) {
            assertThat(bind.soaSerial(zone.get("name").asString()))
                .hasValue(zone.get("serial").asLong());
          }
        });
  }

  /**
   * Not on the installation's secondaries (they refuse it, rndc does not know it), not in its API,
   * not in its MiniDNS's log.
   */
  static void assertNeverOn(ZonecastStack stack, List<String> zones) throws Exception {
    for (String zone : zones) {
      for (Bind9Secondary bind : stack.secondaries()) {
        assertThat(bind.soaSerial(zone)).as("%s on %s", zone, bind.port()).isEmpty();
        assertThatThrownBy(() -> bind.rndc("showzone", zone.substring(0, zone.length() - 1)))
            .as("rndc showzone %s", zone)
            .hasMessageContaining("not found");
      }
      assertThat(stack.api.get("/v2/zones?name=" + zone).body().get("zones").valueStream().toList())
          .isEmpty();
      assertThat(stack.minidnsOwnLines()).as("MiniDNS's log").doesNotContain(zone);
    }
  }

  /** The dead-letter counts of the service's instance in the installation's service_statuses. */
  static Map<String, Long> deadLettered(ZonecastStack stack, String service) throws Exception {
    ApiClient.Response response =
        stack.api.withHeader("X-Roles", "admin").get("/v2/service_statuses");
    assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
    for (JsonNode status : response.body().get("service_statuses")) {
      if (status.get("service_name").asString().equals(service)) {
        JsonNode dead = status.get("stats").get("messages").get("dead_lettered");
        return Map.of(
            "foreign_installation", dead.get("foreign_installation").asLong(),
            "unknown_zone", dead.get("unknown_zone").asLong());
      }
    }
    throw new AssertionError("no " + service + " in " + response.body());
  }

  static ConnectionFactory broker() {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(infra.rabbitHost());
    factory.setPort(infra.rabbitPort());
    factory.setUsername("guest");
    factory.setPassword("guest");
    factory.setVirtualHost(infra.rabbitVirtualHost());
    return factory;
  }

  /** A zone_changed CREATE as the pool manager reads it, stamped with {@code installation}. */
  static void publish(String exchange, ZoneRef zone, String installation) throws Exception {
    byte[] body =
        JsonMapper.shared()
            .writeValueAsString(
                new ZoneChanged(
                    RequestContext.system("installations-it"),
                    zone,
                    ZoneAction.CREATE,
                    Instant.now()))
            .getBytes(StandardCharsets.UTF_8);
    AMQP.BasicProperties properties =
        new AMQP.BasicProperties.Builder()
            .contentType("application/json")
            .contentEncoding("UTF-8")
            .deliveryMode(2)
            .headers(Map.of("__TypeId__", ZoneChanged.TYPE, Installation.HEADER, installation))
            .build();
    try (var connection = broker().newConnection();
        Channel channel = connection.createChannel()) {
      channel.basicPublish(exchange, Messaging.ZONE_CHANGED.routingKey(), properties, body);
    }
  }

  /** Takes every message of the queue; returns their dead-letter reasons. */
  static List<String> drain(String queue) throws Exception {
    List<String> reasons = new ArrayList<>();
    try (var connection = broker().newConnection();
        Channel channel = connection.createChannel()) {
      GetResponse message;
      while ((message = channel.basicGet(queue, true)) != null) {
        Object reason = message.getProps().getHeaders().get("x-zonecast-error");
        reasons.add(String.valueOf(reason));
      }
    }
    return reasons;
  }
}
