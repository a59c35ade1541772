package io.zonecast.poolmanager.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.zonecast.model.central.ZoneStatusReport;
import io.zonecast.model.central.ZoneStatusReport.Outcome;
import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.minidns.NotifyZoneChanged;
import io.zonecast.model.minidns.PollForSerialNumber;
import io.zonecast.model.poolmanager.PollStatus;
import io.zonecast.model.poolmanager.UpdateStatus;
import io.zonecast.model.poolmanager.ZoneChanged;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.poolmanager.MigratedDatabase;
import io.zonecast.poolmanager.PoolManagerApplication;
import io.zonecast.runtime.amqp.AmqpContracts;
import io.zonecast.runtime.amqp.AmqpNames;
import io.zonecast.runtime.amqp.ContractListener;
import io.zonecast.runtime.amqp.Installation;
import io.zonecast.runtime.amqp.ListenerStats;
import io.zonecast.runtime.amqp.ListenerStats.Reason;
import io.zonecast.testsupport.Bind9Secondary;
import io.zonecast.testsupport.TestInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The pool manager as a whole, with real RabbitMQ and two real BIND9 secondaries as the pool's
 * targets and nameservers: zone changes come in over AMQP, zones are added to and removed from both
 * BIND9s, the casts to MiniDNS go out with the configured numbers, and the update_status answers
 * (published here in MiniDNS's place) turn into the reports central receives.
 */
@SpringBootTest(
    classes = PoolManagerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PropagationIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = MigratedDatabase.migrated(infra.freshDatabase("propagation_it"));
  static final UUID POOL = UUID.fromString("a1b2c3d4-0000-4000-8000-00000000c0de");
  static final Duration PATIENCE = Duration.ofSeconds(60);

  /** No MiniDNS here: the BIND9s get the zones configured, their transfers simply fail. */
  static final int NO_PRIMARY = Bind9Secondary.freePort();

  static final int ALSO_NOTIFY = Bind9Secondary.freePort();

  static Bind9Secondary bindA;
  static Bind9Secondary bindB;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    bindA = Bind9Secondary.start("propagation-a");
    bindB = Bind9Secondary.start("propagation-b");
    Path pools = Files.createTempFile("zonecast-pools", ".yaml");
    Files.writeString(pools, poolsFile());
    pools.toFile().deleteOnExit();
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add("zonecast.pool-manager.coalesce-window", () -> "0s");
    registry.add("zonecast.pool-manager.pools-file", pools::toString);
    registry.add("zonecast.pool-manager.notify.timeout", () -> "2.5");
    registry.add("zonecast.pool-manager.notify.retry-interval", () -> "0.5");
    registry.add("zonecast.pool-manager.notify.max-retries", () -> "3");
    registry.add("zonecast.pool-manager.poll.timeout", () -> "1.5");
    registry.add("zonecast.pool-manager.poll.retry-interval", () -> "0.02");
    registry.add("zonecast.pool-manager.poll.max-retries", () -> "50");
    registry.add("zonecast.pool-manager.new-zone.poll-retry-interval", () -> "0.03");
    registry.add("zonecast.pool-manager.new-zone.notify-delay", () -> "500ms");
    registry.add("zonecast.amqp.retry.max-attempts", () -> "3");
    registry.add("zonecast.amqp.retry.initial-delay", () -> "200ms");
  }

  static String poolsFile() {
    StringBuilder yaml =
        new StringBuilder(
            """
            - name: it
              id: %s
              ns_records:
                - {hostname: ns1.zonecast.test., priority: 1}
              nameservers:
                - {host: 127.0.0.1, port: %d}
                - {host: 127.0.0.1, port: %d}
              also_notifies:
                - {host: 127.0.0.1, port: %d}
              targets:
            """
                .formatted(POOL, bindA.port(), bindB.port(), ALSO_NOTIFY));
    for (Bind9Secondary bind : List.of(bindA, bindB)) {
      yaml.append(
          """
              - type: bind9
                description: %s
                masters: [{host: 127.0.0.1, port: %d}]
                options:
                  host: 127.0.0.1
                  port: %d
                  rndc_host: 127.0.0.1
                  rndc_port: %d
                  rndc_key_file: %s
          """
              .formatted(
                  bind.directory().getFileName(),
                  NO_PRIMARY,
                  bind.port(),
                  bind.rndcPort(),
                  bind.rndcKeyFile()));
    }
    return yaml.toString();
  }

  @AfterAll
  static void stopBind() {
    infra.dropDatabase(DB);
    if (bindA != null) {
      bindA.close();
    }
    if (bindB != null) {
      bindB.close();
    }
  }

  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpNames names;
  @Autowired PropagationTracker tracker;
  @Autowired JdbcTemplate jdbc;
  @Autowired ListenerStats listenerStats;
  @MockitoSpyBean Reports reports;

  @LocalServerPort int httpPort;

  /** Everything received from each queue so far; the tests pick their zone's messages. */
  final Map<String, List<Object>> received = new ConcurrentHashMap<>();

  String nsA() {
    return "127.0.0.1:" + bindA.port();
  }

  String nsB() {
    return "127.0.0.1:" + bindB.port();
  }

  static ZoneRef newZone(long serial) {
    return new ZoneRef(
        UUID.randomUUID(),
        "p" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.",
        POOL,
        serial);
  }

  static RequestContext newContext() {
    return new RequestContext("req-" + UUID.randomUUID(), "project-it");
  }

  /**
   * Publishes a change as central would: the zone is in the database first (the pool manager
   * dead-letters changes of zones its database does not have).
   */
  void publish(RequestContext context, ZoneRef zone, ZoneAction action) {
    storeZone(zone, action);
    rabbit.convertAndSend(
        names.exchange(),
        Messaging.ZONE_CHANGED.routingKey(),
        new ZoneChanged(context, zone, action, Instant.now()));
  }

  void storeZone(ZoneRef zone, ZoneAction action) {
    jdbc.update(
        "insert into zones (id, project_id, pool_id, name, email, ttl, serial, status, action,"
            + " created_at) values (?, 'project-it', ?, ?, 'hostmaster@example.org', 3600, ?,"
            + " 'PENDING', ?, now())"
            + " on conflict (id) do update set serial = excluded.serial, action = excluded.action",
        zone.id(),
        zone.poolId(),
        zone.name(),
        zone.serial(),
        action.name());
  }

  void answer(ZoneRef polled, String nameserver, PollStatus status, Long actual) {
    rabbit.convertAndSend(
        names.exchange(),
        Messaging.UPDATE_STATUS.routingKey(),
        new UpdateStatus(newContext(), polled, nameserver, status, actual));
  }

  <T> List<T> awaitMessages(String queue, Class<T> type, Predicate<T> match, int count) {
    await().atMost(PATIENCE).until(() -> matching(queue, type, match).size() >= count);
    return matching(queue, type, match);
  }

  <T> List<T> matching(String queue, Class<T> type, Predicate<T> match) {
    List<Object> all = received.computeIfAbsent(queue, q -> new ArrayList<>());
    for (Object message = rabbit.receiveAndConvert(queue);
        message != null;
        message = rabbit.receiveAndConvert(queue)) {
      all.add(message);
    }
    return all.stream().filter(type::isInstance).map(type::cast).filter(match).toList();
  }

  ZoneStatusReport awaitReport(ZoneRef zone) {
    return awaitMessages(
            names.queue(Messaging.ZONE_STATUS),
            ZoneStatusReport.class,
            r -> r.zone().id().equals(zone.id()),
            1)
        .getFirst();
  }

  List<PollForSerialNumber> awaitPolls(ZoneRef zone) {
    return awaitMessages(
        names.queue(Messaging.POLL_FOR_SERIAL_NUMBER),
        PollForSerialNumber.class,
        p -> p.zone().equals(zone),
        2);
  }

  static String rndcName(ZoneRef zone) {
    return zone.name().substring(0, zone.name().length() - 1);
  }

  void awaitZoneOnBoth(ZoneRef zone) {
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> {
          for (Bind9Secondary bind : List.of(bindA, bindB)) {
            assertThat(bind.rndc("showzone", rndcName(zone))).contains("type secondary");
          }
        });
  }

  @Test
  void itsDatabaseSessionsRunWithoutPostgresJit() {
    // application.yaml: with stale statistics JIT compiled millisecond queries for 320 ms
    assertThat(jdbc.queryForObject("show jit", String.class)).isEqualTo("off");
  }

  @Test
  void aCreateIsProvisionedOnBothTargetsCastAndReportedActiveOnceBothServeIt() throws Exception {
    ZoneRef zone = newZone(3_000_000_000L); // above 2^31: serials are unsigned 32-bit
    RequestContext context = newContext();
    publish(context, zone, ZoneAction.CREATE);

    awaitZoneOnBoth(zone);

    // the targets' NOTIFYs are held (new-zone.notify-delay) and cast as the zone is still undecided
    List<NotifyZoneChanged> notifies =
        awaitMessages(
            names.queue(Messaging.NOTIFY_ZONE_CHANGED),
            NotifyZoneChanged.class,
            n -> n.zone().equals(zone),
            3);
    assertThat(notifies)
        .extracting(NotifyZoneChanged::destination)
        .containsExactlyInAnyOrder(nsA(), nsB(), "127.0.0.1:" + ALSO_NOTIFY);
    assertThat(notifies)
        .allSatisfy(n -> {
          assertThat(n.context()).isEqualTo(context);
          assertThat(n.timeout()).isEqualTo(2.5);
          assertThat(n.retryInterval()).isEqualTo(0.5);
          assertThat(n.maxRetries()).isEqualTo(3);
        });

    List<PollForSerialNumber> polls = awaitPolls(zone);
    assertThat(polls)
        .extracting(PollForSerialNumber::destination)
        .containsExactlyInAnyOrder(nsA(), nsB());
    assertThat(polls)
        .allSatisfy(p -> {
          assertThat(p.context()).isEqualTo(context);
          assertThat(p.timeout()).isEqualTo(1.5);
          assertThat(p.retryInterval()).isEqualTo(0.03); // new-zone.poll-retry-interval
          assertThat(p.maxRetries()).isEqualTo(50);
        });

    answer(zone, nsA(), PollStatus.SUCCESS, zone.serial());
    answer(zone, nsB(), PollStatus.SUCCESS, zone.serial() + 1);

    ZoneStatusReport report = awaitReport(zone);
    assertThat(report.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(report.action()).isEqualTo(ZoneAction.CREATE);
    assertThat(report.zone()).isEqualTo(zone);
    assertThat(report.context()).isEqualTo(context);
  }

  @Test
  void oneNameserverReportingErrorAtHundredPercentIsError() {
    ZoneRef zone = newZone(20);
    RequestContext context = newContext();
    publish(context, zone, ZoneAction.CREATE);
    awaitPolls(zone);

    answer(zone, nsB(), PollStatus.SUCCESS, 20L);
    answer(zone, nsA(), PollStatus.ERROR, 19L);

    ZoneStatusReport report = awaitReport(zone);
    assertThat(report.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(report.action()).isEqualTo(ZoneAction.CREATE);
    assertThat(report.context()).isEqualTo(context);
    assertThat(report.message()).contains(nsA() + " serves serial 19");
  }

  @Test
  void aNewerChangeWhilePollsAreInFlightIsCastWhenTheyAnswerAndDecidedOnlyByItsSerial() {
    ZoneRef created = newZone(100);
    publish(newContext(), created, ZoneAction.CREATE);
    awaitPolls(created);
    ZoneRef updated = created.withSerial(101);
    RequestContext updateContext = newContext();
    publish(updateContext, updated, ZoneAction.UPDATE);
    await()
        .atMost(PATIENCE)
        .until(() -> tracker.find(created.id()).orElseThrow().zone().serial() == 101);

    // the polls of the superseded change answer: they decide nothing, and the round for the
    // newest serial goes out once they are in
    answer(created, nsA(), PollStatus.SUCCESS, 100L);
    answer(created, nsB(), PollStatus.ERROR, null);
    List<PollForSerialNumber> polls = awaitPolls(updated);
    assertThat(polls).allMatch(p -> p.context().equals(updateContext));
    answer(updated, nsA(), PollStatus.SUCCESS, 101L);
    // a late poll of the old serial that already sees the new one counts
    answer(created, nsB(), PollStatus.SUCCESS, 101L);

    ZoneStatusReport report = awaitReport(created);
    assertThat(report.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(report.action()).isEqualTo(ZoneAction.UPDATE);
    assertThat(report.zone().serial()).isEqualTo(101L);
    assertThat(report.context()).isEqualTo(updateContext);
    assertThat(
            matching(
                names.queue(Messaging.ZONE_STATUS),
                ZoneStatusReport.class,
                r -> r.zone().id().equals(created.id())))
        .hasSize(1);
  }

  @Test
  void aDeleteRemovesTheZoneFromBothTargetsAndReportsSuccess() {
    ZoneRef zone = newZone(7);
    publish(newContext(), zone, ZoneAction.CREATE);
    awaitZoneOnBoth(zone);

    RequestContext context = newContext();
    publish(context, zone, ZoneAction.DELETE);

    ZoneStatusReport report =
        awaitMessages(
                names.queue(Messaging.ZONE_STATUS),
                ZoneStatusReport.class,
                r -> r.zone().id().equals(zone.id()) && r.action() == ZoneAction.DELETE,
                1)
            .getFirst();
    assertThat(report.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(report.context()).isEqualTo(context);
    for (Bind9Secondary bind : List.of(bindA, bindB)) {
      assertThatThrownBy(() -> bind.rndc("showzone", rndcName(zone)))
          .hasMessageContaining("not found");
    }
  }

  @Test
  void aCreateHandledAfterItsZonesDeleteProvisionsNothing() {
    // with several pool-manager instances the CREATE may be handled after the DELETE behind it
    ZoneRef zone = newZone(9);
    publish(newContext(), zone, ZoneAction.DELETE);
    awaitMessages(
        names.queue(Messaging.ZONE_STATUS),
        ZoneStatusReport.class,
        r -> r.zone().id().equals(zone.id()) && r.action() == ZoneAction.DELETE,
        1);

    publish(newContext(), zone, ZoneAction.CREATE);

    await()
        .during(Duration.ofSeconds(3))
        .atMost(PATIENCE)
        .untilAsserted(() -> {
          for (Bind9Secondary bind : List.of(bindA, bindB)) {
            assertThatThrownBy(() -> bind.rndc("showzone", rndcName(zone)))
                .hasMessageContaining("not found");
          }
        });
  }

  @Test
  void aZoneOfAnUnknownPoolIsReportedError() {
    ZoneRef zone = new ZoneRef(UUID.randomUUID(), "lost.example.org.", UUID.randomUUID(), 1);
    publish(newContext(), zone, ZoneAction.CREATE);
    ZoneStatusReport report = awaitReport(zone);
    assertThat(report.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(report.message())
        .isEqualTo("pool " + zone.poolId() + " of zone lost.example.org. is not in the pools file");
  }

  @Test
  void anUnreadableMessageIsDeadLetteredAndAcknowledgedAndTheNextOneHandled() {
    String garbage = "not json " + UUID.randomUUID();
    MessageProperties properties = new MessageProperties();
    properties.setType(ZoneChanged.TYPE);
    rabbit.send(
        names.exchange(),
        Messaging.ZONE_CHANGED.routingKey(),
        new Message(garbage.getBytes(), properties));

    await()
        .atMost(PATIENCE)
        .until(() -> {
          Message dead = rabbit.receive(names.deadLetterQueue());
          return dead != null && new String(dead.getBody()).equals(garbage);
        });
    ZoneRef zone = new ZoneRef(UUID.randomUUID(), "after.example.org.", UUID.randomUUID(), 1);
    publish(newContext(), zone, ZoneAction.CREATE);
    assertThat(awaitReport(zone).message()).contains("is not in the pools file");
  }

  @Test
  void failedWorkIsTriedAgainABoundedNumberOfTimesThenDeadLetteredAndCounted() {
    // the report of a zone whose pool is unknown fails while the pool manager handles it
    ZoneRef zone = new ZoneRef(UUID.randomUUID(), "fails.example.org.", UUID.randomUUID(), 1);
    doThrow(new IllegalStateException("broker gone"))
        .when(reports)
        .error(any(), eq(zone), any(), anyString());
    long retried = listenerStats.retriedCount();
    long failed = listenerStats.deadLetteredCount(Reason.FAILED);

    publish(newContext(), zone, ZoneAction.CREATE);

    Message dead = awaitDeadLetter(zone.id());
    assertThat((String) dead.getMessageProperties().getHeader(AmqpContracts.ERROR_HEADER))
        .startsWith("failed: failed 3 times")
        .contains("broker gone");
    assertThat((Object) dead.getMessageProperties().getHeader(ContractListener.ATTEMPT_HEADER))
        .isEqualTo(3);
    verify(reports, times(3)).error(any(), eq(zone), any(), anyString());
    assertThat(listenerStats.retriedCount() - retried).isEqualTo(2);
    assertThat(listenerStats.deadLetteredCount(Reason.FAILED) - failed).isEqualTo(1);
  }

  @Test
  void aChangeOfAZoneThisDatabaseDoesNotHaveIsDeadLetteredAndNothingIsProvisioned() {
    ZoneRef zone = newZone(5);
    long unknown = listenerStats.deadLetteredCount(Reason.UNKNOWN_ZONE);
    rabbit.convertAndSend(
        names.exchange(),
        Messaging.ZONE_CHANGED.routingKey(),
        new ZoneChanged(newContext(), zone, ZoneAction.CREATE, Instant.now()));

    Message dead = awaitDeadLetter(zone.id());
    assertThat((String) dead.getMessageProperties().getHeader(AmqpContracts.ERROR_HEADER))
        .startsWith("unknown_zone");
    assertThat(listenerStats.deadLetteredCount(Reason.UNKNOWN_ZONE) - unknown).isEqualTo(1);
    assertNeverProvisioned(zone);
  }

  @Test
  void aChangeFromAnotherInstallationIsDeadLetteredAndNothingIsProvisioned() {
    ZoneRef zone = newZone(6);
    storeZone(zone, ZoneAction.CREATE);
    long foreign = listenerStats.deadLetteredCount(Reason.FOREIGN_INSTALLATION);
    rabbit.convertAndSend(
        names.exchange(),
        Messaging.ZONE_CHANGED.routingKey(),
        new ZoneChanged(newContext(), zone, ZoneAction.CREATE, Instant.now()),
        message -> {
          message.getMessageProperties().setHeader(Installation.HEADER, "someone-else");
          return message;
        });

    Message dead = awaitDeadLetter(zone.id());
    assertThat((String) dead.getMessageProperties().getHeader(AmqpContracts.ERROR_HEADER))
        .startsWith("foreign_installation: published by installation someone-else");
    assertThat(listenerStats.deadLetteredCount(Reason.FOREIGN_INSTALLATION) - foreign).isEqualTo(1);
    assertNeverProvisioned(zone);
  }

  /** The dead-lettered message about the zone; other dead letters are put aside. */
  Message awaitDeadLetter(UUID zoneId) {
    List<Message> found = new ArrayList<>();
    await()
        .atMost(PATIENCE)
        .until(() -> {
          for (Message m = rabbit.receive(names.deadLetterQueue());
              m != null;
              m = rabbit.receive(names.deadLetterQueue())) {
            if (new String(m.getBody()).contains(zoneId.toString())) {
              found.add(m);
            }
          }
          return !found.isEmpty();
        });
    return found.getFirst();
  }

  void assertNeverProvisioned(ZoneRef zone) {
    await()
        .during(Duration.ofSeconds(2))
        .atMost(PATIENCE)
        .untilAsserted(() -> {
          for (Bind9Secondary bind : List.of(bindA, bindB)) {
            assertThatThrownBy(() -> bind.rndc("showzone", rndcName(zone)))
                .hasMessageContaining("not found");
          }
          assertThat(
                  matching(
                      names.queue(Messaging.ZONE_STATUS),
                      ZoneStatusReport.class,
                      r -> r.zone().id().equals(zone.id())))
              .isEmpty();
        });
  }

  @Test
  void theHealthEndpointIsUp() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"UP\"");
  }
}
