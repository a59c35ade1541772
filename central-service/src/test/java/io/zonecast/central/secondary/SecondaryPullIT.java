package io.zonecast.central.secondary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.central.secondary.SecondaryPuller.Outcome;
import io.zonecast.model.central.SecondaryZoneNotified;
import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.postgres.PostgresChannels;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.runtime.amqp.AmqpNames;
import io.zonecast.testsupport.Bind9Primary;
import io.zonecast.testsupport.Bind9Secondary;
import io.zonecast.testsupport.PrimaryZoneFile;
import io.zonecast.testsupport.TestInfrastructure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Central pulling SECONDARY zones from a real BIND9 primary (its own named, zone file and journal),
 * against a real PostgreSQL and RabbitMQ: what is stored, the change journal the pool's secondaries
 * get their IXFR from, the pool manager's event, MiniDNS's cast of a master's NOTIFY, failures and
 * expiry, the pull lock, TSIG. (MiniDNS's side of the NOTIFY: minidns {@code SecondaryNotifyIT}.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecondaryPullIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("central_secondary_pull_it");

  /** Where the primaries send their NOTIFYs: no MiniDNS listens here, the tests cast for it. */
  static final int DNS_PORT = Bind9Secondary.freePort();

  static final UUID POOL = UUID.randomUUID();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add(
        "zonecast.central.pools-file",
        () -> SecondaryPullIT.class.getResource("/test-pools.yaml").getPath());
    registry.add("zonecast.central.secondary.pull.first-retry", () -> "1h");
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired SecondaryPuller puller;
  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpNames names;

  Bind9Primary primary;

  @AfterEach
  void stopPrimary() {
    if (primary != null) {
      primary.close();
    }
  }

  /** The primary's records: an MX, an RRset of two, a TTL of its own, two strings, an AAAA. */
  static String zoneFile(String zone, long serial) {
    return PrimaryZoneFile.of(
        zone,
        serial,
        "@    IN MX  10 mail",
        "www  IN A   192.0.2.80",
        "www  IN A   192.0.2.81",
        "mail 600 IN A 192.0.2.25",
        "txt  IN TXT \"v=spf1 -all\" \"second string\"",
        "v6   IN AAAA 2001:db8::1");
  }

  /** A SECONDARY zone as central creates it: serial 1, no records, its masters. */
  UUID secondaryZone(String name, String... masters) {
    UUID id = UUID.randomUUID();
    jdbc.update(
        "insert into zones (id, project_id, pool_id, name, email, ttl, serial, status, action,"
            + " type, masters, created_at) values (?, 'p', ?, ?, 'hostmaster@example.com', 3600,"
            + " 1, 'PENDING', 'CREATE', 'SECONDARY', cast(? as jsonb), now())",
        id,
        POOL,
        name,
        "[\"" + String.join("\",\"", masters) + "\"]");
    // far away: the tests pull themselves, the timer stays out of the way
    jdbc.update(
        "insert into secondary_zone_refresh (zone_id, next_check_at) values (?, now() + interval"
            + " '1 day')",
        id);
    return id;
  }

  static String newName() {
    return "s" + UUID.randomUUID().toString().substring(0, 8) + ".example.";
  }

  Outcome pull(UUID zone) {
    return puller.pullNow(zone, "test", RequestContext.system("req-test-" + UUID.randomUUID()));
  }

  Map<String, Object> zoneRow(UUID zone) {
    return jdbc.queryForMap(
        "select serial, status, action, status_message, transferred_at from zones where id = ?",
        zone);
  }

  List<String> served(UUID zone) {
    return jdbc.queryForList(
        "select s.name || ' ' || s.ttl || ' ' || s.type || ' ' || r.data from records r"
            + " join recordsets s on s.id = r.recordset_id where s.zone_id = ?"
            + " order by s.name, s.type, r.data",
        String.class,
        zone);
  }

  @Test
  void theFirstPullStoresThePrimarysZoneAndHandsItsCreateToThePoolManager() throws Exception {
    String name = newName();
    UUID zone = zoneOfNewPrimary(name, 2024010101L);
    try (Connection listener =
        DriverManager.getConnection(DB, infra.pgUser(), infra.pgPassword())) {
      try (Statement statement = listener.createStatement()) {
        statement.execute("LISTEN " + PostgresChannels.OUTBOX);
      }

      firstTransfer(zone);

      // central's relay is told of the event at once (it would otherwise wait for its next poll)
      PGConnection postgres = listener.unwrap(PGConnection.class);
      List<String> channels = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> {
            PGNotification[] received = postgres.getNotifications(100);
            if (received != null) {
              Arrays.stream(received).map(PGNotification::getName).forEach(channels::add);
            }
            return !channels.isEmpty();
          });
      assertThat(channels).containsOnly(PostgresChannels.OUTBOX);
    }
    assertThat(served(zone))
        .containsExactlyInAnyOrder(
            name + " 300 MX 10 mail." + name,
            name + " 300 NS ns1.primary.test.",
            name + " 300 SOA ns1.primary.test. admin.primary.test. 2024010101 3600 600 86400 300",
            "mail." + name + " 600 A 192.0.2.25",
            "txt." + name + " 300 TXT \"v=spf1 -all\" \"second string\"",
            "v6." + name + " 300 AAAA 2001:db8::1",
            "www." + name + " 300 A 192.0.2.80",
            "www." + name + " 300 A 192.0.2.81");
    Map<String, Object> row = zoneRow(zone);
    assertThat(row.get("serial")).isEqualTo(2024010101L);
    assertThat(row.get("status")).isEqualTo("PENDING");
    assertThat(row.get("action")).isEqualTo("CREATE");
    assertThat(row.get("transferred_at")).isNotNull();
    // stored settled, so its ACTIVE does not rewrite them; shown with the zone's CREATE meanwhile
    assertThat(recordsetStates(zone)).containsExactly("ACTIVE NONE");
    // the pool manager's event, relayed by central's outbox
    List<String> events = zoneChangedEvents(zone, 1);
    assertThat(events).hasSize(1);
    assertThat(events.getFirst()).contains("\"serial\":2024010101").contains("\"CREATE\"");
    // the zone's creation: no journal step (no secondary has an older version)
    assertThat(journalSteps(zone)).isEmpty();
    // the refresh timer follows the primary's SOA
    assertThat(
            jdbc.queryForObject(
                "select refresh_seconds from secondary_zone_refresh where zone_id = ?",
                Long.class,
                zone))
        .isEqualTo(3600L);

    // nothing new on the primary: nothing transferred, nothing stored again
    assertThat(pull(zone)).isEqualTo(Outcome.UP_TO_DATE);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from outbox_events where zone_id = ?", Integer.class, zone))
        .isZero();
    assertThat(zoneChangedEvents(zone, 1)).hasSize(1);
  }

  static final Map<UUID, List<String>> zoneChanged = new ConcurrentHashMap<>();

  /** The zone_changed events for the pool manager about {@code zone}, once there are {@code n}. */
  List<String> zoneChangedEvents(UUID zone, int n) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> {
          org.springframework.amqp.core.Message message;
          while ((message = rabbit.receive(names.queue(Messaging.ZONE_CHANGED), 50)) != null) {
            String body = new String(message.getBody(), StandardCharsets.UTF_8);
            UUID id = UUID.fromString(JSON.readTree(body).get("zone").get("id").asString());
            zoneChanged.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(body);
          }
          return zoneChanged.getOrDefault(zone, List.of()).size() >= n;
        });
    return zoneChanged.get(zone);
  }

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** What MiniDNS casts when one of the zone's masters sent it a NOTIFY. */
  void notifiedByMaster(UUID zone, String name) {
    rabbit.convertAndSend(
        names.exchange(),
        Messaging.SECONDARY_ZONE_NOTIFIED.routingKey(),
        new SecondaryZoneNotified(
            RequestContext.system("req-notify-" + UUID.randomUUID()),
            new ZoneRef(zone, name, POOL, (Long) zoneRow(zone).get("serial")),
            "127.0.0.1"));
  }

  @Test
  void anUpdateOnThePrimaryComesByIxfrAfterItsNotifyAndIsJournalledAsOnlyWhatChanged()
      throws Exception {
    String name = newName();
    UUID zone = transferredZone(name, 100);

    primary.nsupdate(
        "update add new."
            + name
            + " 120 A 192.0.2.99\nupdate delete www."
            + name
            + " A 192.0.2.81");

    // the primary's NOTIFY, as MiniDNS hands it over, starts the pull
    notifiedByMaster(zone, name);
    awaitSerial(zone, 101L);
    assertThat(primary.log()).contains("IXFR");
    Map<String, Object> row = zoneRow(zone);
    assertThat(row.get("status")).isEqualTo("PENDING");
    assertThat(row.get("action")).isEqualTo("UPDATE");
    assertThat(served(zone))
        .contains("new." + name + " 120 A 192.0.2.99", "www." + name + " 300 A 192.0.2.80")
        .doesNotContain("www." + name + " 300 A 192.0.2.81");
    // a zone already on its targets: what the pull changed is PENDING until it is served
    assertThat(recordsetStates(zone)).containsExactlyInAnyOrder("ACTIVE NONE", "PENDING UPDATE");

    // one journal step of exactly the change, so the pool's secondaries get a small IXFR
    List<String> step =
        jdbc.queryForList(
            "select case when r.removed then '-' else '+' end || r.name || ' ' || r.type || ' '"
                + " || r.data from zone_journal_records r join zone_journal_steps s"
                + " on s.id = r.step_id where s.zone_id = ? and s.old_serial = 100"
                + " and s.new_serial = 101 order by r.id",
            String.class,
            zone);
    assertThat(step)
        .containsExactly(
            "-" + name + " SOA ns1.primary.test. admin.primary.test. 100 3600 600 86400 300",
            "-www." + name + " A 192.0.2.81",
            "+" + name + " SOA ns1.primary.test. admin.primary.test. 101 3600 600 86400 300",
            "+new." + name + " A 192.0.2.99");
  }

  @Test
  void aFailedPullStoresNothingAndSaysWhyThenExpiryTurnsTheZoneErrorUntilAMasterAnswers()
      throws Exception {
    String name = newName();
    UUID zone = transferredZone(name, 100);
    List<String> before = served(zone);

    primary.stop();
    assertThat(pull(zone)).isEqualTo(Outcome.FAILED);
    Map<String, Object> row = zoneRow(zone);
    assertThat(row.get("status")).isEqualTo("ACTIVE");
    assertThat((String) row.get("status_message"))
        .startsWith("no master answered for " + name)
        .contains(primary.master());
    assertThat(served(zone)).isEqualTo(before);

    // past the expire of the primary's SOA without an answer: ERROR, with the reason
    jdbc.update(
        "update secondary_zone_refresh set last_success_at = now() - interval '2 days'"
            + " where zone_id = ?",
        zone);
    assertThat(pull(zone)).isEqualTo(Outcome.FAILED);
    row = zoneRow(zone);
    assertThat(row.get("status")).isEqualTo("ERROR");
    assertThat(row.get("action")).isEqualTo("NONE");
    assertThat((String) row.get("status_message")).startsWith("no master answered");
    assertThat(served(zone)).isEqualTo(before);

    // the master answers again: ACTIVE by itself
    primary.restart();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> pull(zone) != Outcome.FAILED && "ACTIVE".equals(zoneRow(zone).get("status")));
    row = zoneRow(zone);
    assertThat(row.get("status")).isEqualTo("ACTIVE");
    assertThat(row.get("status_message")).isNull();
  }

  @Test
  void aZoneTheMasterDoesNotServeIsNotStored() throws Exception {
    String name = newName();
    primary = Bind9Primary.start(name, zoneFile(name, 100), DNS_PORT, null);
    UUID zone = secondaryZone("other-" + name, primary.master());

    assertThat(pull(zone)).isEqualTo(Outcome.FAILED);
    assertThat(served(zone)).isEmpty();
    assertThat((String) zoneRow(zone).get("status_message")).contains("REFUSED");
    assertThat((Long) zoneRow(zone).get("serial")).isEqualTo(1L);
  }

  @Test
  void onePullPerZoneAtATimeAcrossInstances() throws Exception {
    String name = newName();
    UUID zone = zoneOfNewPrimary(name, 100);
    // another central instance holds the zone's pull lock
    try (var connection = jdbc.getDataSource().getConnection()) {
      try (var lock = connection.prepareStatement("select pg_advisory_lock(?, hashtext(?))")) {
        lock.setInt(1, 0x5ec0);
        lock.setString(2, zone.toString());
        lock.execute();
      }
      assertThat(pull(zone)).isEqualTo(Outcome.BUSY);
      assertThat(served(zone)).isEmpty();
      try (var unlock = connection.prepareStatement("select pg_advisory_unlock(?, hashtext(?))")) {
        unlock.setInt(1, 0x5ec0);
        unlock.setString(2, zone.toString());
        unlock.execute();
      }
    }
    firstTransfer(zone);
  }

  @Test
  void theRefreshTimerPullsOnlyAZoneStillDueOnceItHoldsTheLock() throws Exception {
    String name = newName();
    UUID zone = zoneOfNewPrimary(name, 5);
    RequestContext context = RequestContext.system("req-test-refresh");

    // its refresh is a day away (another pull just ran): nothing is asked of the masters
    assertThat(puller.refresh(zone, context).get()).isEqualTo(Outcome.NOT_DUE);
    assertThat((Long) zoneRow(zone).get("serial")).isEqualTo(1L);

    jdbc.update("update secondary_zone_refresh set next_check_at = now() where zone_id = ?", zone);
    // this service's own timer may take the zone now due first: then this run finds it pulled
    // (no longer due) and does not pull it again
    assertThat(
            await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> puller.refresh(zone, context).get(), o -> o != Outcome.BUSY))
        .isIn(Outcome.TRANSFERRED, Outcome.NOT_DUE);
    awaitSerial(zone, 5L);
    assertThat(puller.refresh(zone, context).get()).isEqualTo(Outcome.NOT_DUE);
  }

  @Test
  void miniDnsCastOfAMastersNotifyStartsAPull() throws Exception {
    String name = newName();
    UUID zone = zoneOfNewPrimary(name, 7);

    notifiedByMaster(zone, name);

    awaitSerial(zone, 7L);
    assertThat(served(zone)).hasSize(8);
  }

  @Test
  void aPrimaryRequiringTsigIsPulledWithTheZonesKeyAndNotWithAWrongOne() throws Exception {
    String secret = "c2Vjb25kYXJ5LXpvbmUtdHNpZy10ZXN0LXNlY3JldC0x";
    String name = newName();
    String keyName = "k-" + name.substring(0, 9);
    primary =
        Bind9Primary.start(
            name,
            zoneFile(name, 42),
            DNS_PORT,
            new Bind9Primary.Key(keyName, "hmac-sha256", secret));
    UUID zone = secondaryZone(name, primary.master());

    // no key for the zone: the primary refuses the transfer
    assertThat(pullWhenFree(zone)).isEqualTo(Outcome.FAILED);
    assertThat((String) zoneRow(zone).get("status_message")).contains("REFUSED");
    assertThat(served(zone)).isEmpty();

    // a ZONE key of the same name with another secret: the primary says BADSIG (NOTAUTH)
    jdbc.update(
        "insert into tsigkeys (id, name, algorithm, secret, scope, resource_id, created_at)"
            + " values (?, ?, 'hmac-sha256', ?, 'ZONE', ?, now())",
        UUID.randomUUID(),
        keyName,
        "d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC13cm9uZw==",
        zone);
    assertThat(pullWhenFree(zone)).isEqualTo(Outcome.FAILED);
    assertThat((String) zoneRow(zone).get("status_message")).contains("NOTAUTH");
    assertThat(served(zone)).isEmpty();

    // the right secret
    jdbc.update("update tsigkeys set secret = ? where resource_id = ?", secret, zone);
    assertThat(pullWhenFree(zone)).isEqualTo(Outcome.TRANSFERRED);
    assertThat((Long) zoneRow(zone).get("serial")).isEqualTo(42L);
    assertThat(served(zone)).hasSize(8);
  }

  /** A SECONDARY zone {@code name} whose master is a new primary serving it at {@code serial}. */
  UUID zoneOfNewPrimary(String name, long serial) throws IOException {
    primary = Bind9Primary.start(name, zoneFile(name, serial), DNS_PORT, null);
    return secondaryZone(name, primary.master());
  }

  /** The zone's recordsets' stored status and action, each pair once; its kept counts checked. */
  List<String> recordsetStates(UUID zone) {
    assertThat(
            jdbc.queryForObject(
                "select recordset_count = (select count(*) from recordsets where zone_id = z.id)"
                    + " and record_count = (select count(*) from records where zone_id = z.id)"
                    + " from zones z where id = ?",
                Boolean.class,
                zone))
        .as("the counts zone %s keeps for its quotas (V76)", zone)
        .isTrue();
    return jdbc.queryForList(
        "select distinct status || ' ' || action from recordsets where zone_id = ?",
        String.class,
        zone);
  }

  /** A SECONDARY zone {@code name} pulled from a new primary at {@code serial}, then ACTIVE. */
  UUID transferredZone(String name, long serial) throws IOException {
    UUID zone = zoneOfNewPrimary(name, serial);
    firstTransfer(zone);
    jdbc.update("update zones set status = 'ACTIVE', action = 'NONE' where id = ?", zone);
    return zone;
  }

  /** Waits until central stored the zone at {@code serial}. */
  void awaitSerial(UUID zone, long serial) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> (Long) zoneRow(zone).get("serial"), stored -> stored == serial);
  }

  /**
   * The zone's first transfer: this test's pull, or the one the primary's start-up NOTIFY began
   * (then this test's pull, once that one is done, finds the zone up to date).
   */
  void firstTransfer(UUID zone) {
    assertThat(pullWhenFree(zone)).isIn(Outcome.TRANSFERRED, Outcome.UP_TO_DATE);
    assertThat(zoneRow(zone).get("transferred_at")).isNotNull();
  }

  /** A pull once no other holds the zone (a cast or the timer may be pulling it). */
  Outcome pullWhenFree(UUID zone) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> pull(zone), outcome -> outcome != Outcome.BUSY);
  }

  List<Long> journalSteps(UUID zone) {
    return jdbc.queryForList(
        "select id from zone_journal_steps where zone_id = ?", Long.class, zone);
  }
}
