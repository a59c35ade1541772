package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.zonecast.model.messaging.Messaging;
import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Secondary;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The AMQP broker stops (cleanly, or killed) while changes are being made, and starts again on the
 * same port with the same data: the API keeps accepting changes (the outbox keeps them), and
 * afterwards every change reaches both BIND9 secondaries and every zone ends ACTIVE. Uses a broker
 * of its own, never the RabbitMQ the machine shares.
 */
class BrokerOutageSystemIT {

  private static final int ZONES = 4;
  private static final int CHANGES_BEFORE = 8;
  private static final int CHANGES_WHILE_DOWN = 12;
  private static final int CHANGES_AFTER = 4;
  private static final Duration OUTAGE = Duration.ofSeconds(10);

  static EmbeddedAmqpBroker broker;
  static ApiClient api;

  @RegisterExtension
  static final StackExtension stack =
      StackExtension.named("brokerdown")
          .before(() -> broker = EmbeddedAmqpBroker.start())
          // what the broker lost is re-sent by central's recovery of PENDING zones: make it quick
          .central(
              "--zonecast.central.recovery.interval=1s",
              "--zonecast.central.recovery.pending-after=5s",
              "--zonecast.central.recovery.max-backoff=10s")
          .poolManager(TargetFailureSystemIT.FAST_FAILURE_HANDLING)
          .options(o -> o.amqpPort(broker.port))
          .started(s -> api = s.api);

  /** A test that failed during its outage leaves the broker down: the next starts with one. */
  @BeforeEach
  void brokerRuns() throws Exception {
    if (!broker.isRunning()) {
      broker.startAgain();
    }
  }

  @Test
  void changesMadeWhileTheBrokerIsStoppedCleanlyReachTheSecondaries() throws Exception {
    changesAcrossAnOutage("stop", () -> broker.stop());
  }

  @Test
  void changesMadeWhileTheBrokerIsKilledReachTheSecondaries() throws Exception {
    changesAcrossAnOutage("kill", () -> broker.kill());
  }

  @Test
  void zoneChangesQueuedBeforeACleanStopAreStillQueuedAfterIt() throws Exception {
    String id = stack.zones().createActive("queued");
    String zone = stack.zones().name(id);
    stack.get().killPoolManager();
    try {
      for (int i = 0; i < 5; i++) {
        stack.zones().addA(id, "q" + i + "." + zone, "198.51.100." + (i + 1));
      }
      await("the outbox relayed the changes")
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> outboxEvents() == 0);
      Set<String> queued = queuedMessageIds(stack.get().amqpNames().queue(Messaging.ZONE_CHANGED));
      assertThat(queued)
          .as("zone changes waiting for the pool manager")
          .hasSizeGreaterThanOrEqualTo(5);

      broker.stop();
      broker.startAgain();

      assertThat(queuedMessageIds(stack.get().amqpNames().queue(Messaging.ZONE_CHANGED)))
          .as("durable queue, persistent messages")
          .containsAll(queued);
    } finally {
      stack.get().startPoolManager();
    }
    stack.zones().awaitStatus(id, "ACTIVE", Duration.ofSeconds(60));
    long serial = api.get("/v2/zones/" + id).body().get("serial").asLong();
    for (Bind9Secondary bind : stack.secondaries()) {
      assertThat(bind.soaSerial(zone)).as("%s on %s", zone, bind.port()).hasValue(serial);
      assertThat(bind.query("q4." + zone, Type.A).getRcode()).isEqualTo(Rcode.NOERROR);
    }
  }

  /**
   * The message ids of what waits in {@code queue}, read without taking it: the messages are
   * fetched unacknowledged and go back to the queue when the connection closes.
   */
  private static Set<String> queuedMessageIds(String queue) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(broker.port);
    factory.setUsername("guest");
    factory.setPassword("guest");
    factory.setVirtualHost("/");
    Set<String> ids = new HashSet<>();
    try (com.rabbitmq.client.Connection connection = factory.newConnection();
        Channel channel = connection.createChannel()) {
      GetResponse message;
      while ((message = channel.basicGet(queue, false)) != null) {
        ids.add(message.getProps().getMessageId());
      }
    }
    return ids;
  }

  private void changesAcrossAnOutage(String label, Runnable outage) throws Exception {
    Map<String, String> zones = new LinkedHashMap<>(); // id -> name
    for (int i = 0; i < ZONES; i++) {
      String id = stack.zones().createActive(label + i);
      zones.put(id, stack.zones().name(id));
    }
    List<String> ids = new ArrayList<>(zones.keySet());
    Map<String, String> addresses = new LinkedHashMap<>(); // record name -> address
    int change = 0;
    for (; change < CHANGES_BEFORE; change++) {
      addRecord(ids, zones, addresses, change);
    }

    long down = System.nanoTime();
    outage.run();

    for (; change < CHANGES_BEFORE + CHANGES_WHILE_DOWN; change++) {
      addRecord(ids, zones, addresses, change);
      // spread over an outage longer than central's pending-after and a few listener recoveries
      Thread.sleep(OUTAGE.toMillis() / CHANGES_WHILE_DOWN);
    }
    String createdWhileDown =
        stack.zones().create(ZoneSteps.newZone(label + "-created-while-down"));
    zones.put(createdWhileDown, stack.zones().name(createdWhileDown));
    assertThat(outboxEvents())
        .as("changes kept in the outbox while the broker is down")
        .isPositive();
    for (String id : zones.keySet()) {
      assertThat(api.get("/v2/zones/" + id).body().get("status").asString())
          .as("%s while the broker is down", zones.get(id))
          .isEqualTo("PENDING");
    }
    // what a load balancer or Kubernetes sees: central must stay in service to take changes, and
    // MiniDNS to serve transfers, neither needs the broker for that
    assertThat(readiness(stack.apiPort())).as("central's readiness").isEqualTo(200);
    assertThat(readiness(stack.get().minidnsHttpPort)).as("minidns' readiness").isEqualTo(200);

    broker.startAgain();
    long up = System.nanoTime();

    for (; change < CHANGES_BEFORE + CHANGES_WHILE_DOWN + CHANGES_AFTER; change++) {
      addRecord(ids, zones, addresses, change);
    }
    for (String id : zones.keySet()) {
      stack.zones().awaitStatus(id, "ACTIVE", Duration.ofSeconds(60));
    }
    System.out.printf(
        "broker %s: %d changes while down, broker down %.1f s, every zone ACTIVE %.1f s after it"
            + " was up again%n",
        label, CHANGES_WHILE_DOWN + 1, (up - down) / 1e9, (System.nanoTime() - up) / 1e9);
    assertThat(outboxEvents()).as("the outbox relayed its backlog").isZero();
    for (Map.Entry<String, String> zone : zones.entrySet()) {
      long serial = api.get("/v2/zones/" + zone.getKey()).body().get("serial").asLong();
      for (Bind9Secondary bind : stack.secondaries()) {
        await(zone.getValue() + " at central's serial on " + bind.port())
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(() -> assertThat(bind.soaSerial(zone.getValue())).hasValue(serial));
      }
    }
    for (Map.Entry<String, String> record : addresses.entrySet()) {
      for (Bind9Secondary bind : stack.secondaries()) {
        Message answer = bind.query(record.getKey(), Type.A);
        assertThat(answer.getRcode())
            .as("%s on %s", record.getKey(), bind.port())
            .isEqualTo(Rcode.NOERROR);
        assertThat(answer.getSection(Section.ANSWER))
            .as("%s on %s", record.getKey(), bind.port())
            .singleElement()
            .satisfies(rr ->
                assertThat(((ARecord) rr).getAddress().getHostAddress())
                    .isEqualTo(record.getValue()));
      }
    }
  }

  /** One change: a new A recordset in one of the zones, in turn. */
  private static void addRecord(
      List<String> ids, Map<String, String> zones, Map<String, String> addresses, int change)
      throws Exception {
    String id = ids.get(change % ids.size());
    String name = "r" + change + "." + zones.get(id);
    String address = "192.0.2." + (change + 1);
    stack.zones().addA(id, name, address);
    addresses.put(name, address);
  }

  private static int readiness(int httpPort) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + httpPort + "/actuator/health/readiness"))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }
  }

  private static long outboxEvents() throws Exception {
    try (Connection db = stack.get().database();
        Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from outbox_events")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
