package io.zonecast.minidns.secondary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zonecast.minidns.MiniDnsTestProperties;
import io.zonecast.minidns.secondary.SecondaryPuller.Outcome;
import io.zonecast.minidns.testing.ZoneRows;
import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.minidns.PerformZoneXfr;
import io.zonecast.model.postgres.PostgresChannels;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.runtime.amqp.AmqpNames;
import io.zonecast.testsupport.Bind9Primary;
import io.zonecast.testsupport.Bind9Secondary;
import io.zonecast.testsupport.TestInfrastructure;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * MiniDNS pulling SECONDARY zones from a real BIND9 primary (its own named, zone file and journal),
 * against a real PostgreSQL and RabbitMQ: what is stored, the change journal the pool's secondaries
 * get their IXFR from, NOTIFYs from masters and strangers, failures and expiry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecondaryPullIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("minidns_secondary_it");
  static final int DNS_PORT = Bind9Secondary.freePort();
  static final UUID POOL = UUID.randomUUID();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    MiniDnsTestProperties.register(registry, DB, DNS_PORT);
    registry.add("zonecast.minidns.secondary.first-retry", () -> "1h");
    // the test asks MiniDNS for what it stored, as one of the pool's secondaries would
    registry.add("zonecast.minidns.allow-transfer", () -> "127.0.0.1");
    // keys inserted by a test are in use at once
    registry.add("zonecast.minidns.tsig-refresh", () -> "1ms");
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

  static String zoneFile(String zone, long serial) {
    return """
    $ORIGIN %1$s
    $TTL 300
    @    IN SOA ns1.primary.test. admin.primary.test. %2$d 3600 600 86400 300
    @    IN NS  ns1.primary.test.
    @    IN MX  10 mail
    www  IN A   192.0.2.80
    www  IN A   192.0.2.81
    mail 600 IN A 192.0.2.25
    txt  IN TXT "v=spf1 -all" "second string"
    v6   IN AAAA 2001:db8::1
    """
        .formatted(zone, serial);
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
    primary = Bind9Primary.start(name, zoneFile(name, 2024010101L), DNS_PORT, null);
    UUID zone = secondaryZone(name, primary.master());
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
    List<String> events =
        jdbc.queryForList(
            "select payload from outbox_events where zone_id = ? and message_type = ?",
            String.class,
            zone,
            "pool_manager.zone_changed.v1");
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
                "select count(*) from outbox_events where zone_id = ? and message_type = ?",
                Integer.class,
                zone,
                "pool_manager.zone_changed.v1"))
        .isEqualTo(1);
  }

  @Test
  void anUpdateOnThePrimaryComesByIxfrAfterItsNotifyAndIsJournalledAsOnlyWhatChanged()
      throws Exception {
    String name = newName();
    primary = Bind9Primary.start(name, zoneFile(name, 100), DNS_PORT, null);
    UUID zone = secondaryZone(name, primary.master());
    firstTransfer(zone);
    jdbc.update("update zones set status = 'ACTIVE', action = 'NONE' where id = ?", zone);

    primary.nsupdate(
        "update add new."
            + name
            + " 120 A 192.0.2.99\nupdate delete www."
            + name
            + " A 192.0.2.81");

    // the primary's NOTIFY starts the pull
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> (Long) zoneRow(zone).get("serial"), serial -> serial == 101L);
    assertThat(primary.log()).contains("IXFR");
    Map<String, Object> row = zoneRow(zone);
    assertThat(row.get("status")).isEqualTo("PENDING");
    assertThat(row.get("action")).isEqualTo("UPDATE");
    assertThat(served(zone))
        .contains("new." + name + " 120 A 192.0.2.99", "www." + name + " 300 A 192.0.2.80")
        .doesNotContain("www." + name + " 300 A 192.0.2.81");

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

    // and MiniDNS answers an IXFR from 100 with that difference only
    ZoneTransferIn ixfr =
        ZoneTransferIn.newIXFR(
            Name.fromString(name), 100, false, new InetSocketAddress("127.0.0.1", DNS_PORT), null);
    ixfr.setTimeout(Duration.ofSeconds(10));
    ixfr.run();
    assertThat(ixfr.isIXFR()).isTrue();
    assertThat(ixfr.getIXFR()).hasSize(1);
    assertThat(ixfr.getIXFR().getFirst().adds).hasSize(2);
    assertThat(ixfr.getIXFR().getFirst().deletes).hasSize(2);
  }

  @Test
  void onlyTheZonesMastersMayNotify() throws Exception {
    String name = newName();
    primary = Bind9Primary.start(name, zoneFile(name, 100), DNS_PORT, null);
    UUID zone = secondaryZone(name, primary.master());
    firstTransfer(zone);
    List<String> before = served(zone);

    // the zone's master is elsewhere now: the primary on 127.0.0.1 is a stranger to it
    jdbc.update("update zones set masters = '[\"127.0.0.9:53\"]' where id = ?", zone);
    primary.nsupdate("update add stranger." + name + " 120 A 192.0.2.66");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> primary.log().contains("notify response from 127.0.0.1#" + DNS_PORT));
    assertThat(primary.log()).contains("notify response from 127.0.0.1#" + DNS_PORT + ": REFUSED");
    assertThat((Long) zoneRow(zone).get("serial")).isEqualTo(100L);
    assertThat(served(zone)).isEqualTo(before);

    Message refused = notifyFrom("127.0.0.2", name);
    assertThat(refused.getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(refused.getHeader().getOpcode()).isEqualTo(Opcode.NOTIFY);
    assertThat(notifyFrom("127.0.0.2", "nosuchzone.example.").getRcode()).isEqualTo(Rcode.NOTAUTH);
    assertThat((Long) zoneRow(zone).get("serial")).isEqualTo(100L);

    // its master again: the NOTIFY is taken and the newer version pulled
    jdbc.update(
        "update zones set masters = cast(? as jsonb) where id = ?",
        "[\"" + primary.master() + "\"]",
        zone);
    assertThat(notifyFrom("127.0.0.1", name).getRcode()).isEqualTo(Rcode.NOERROR);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> (Long) zoneRow(zone).get("serial"), serial -> serial == 101L);
    assertThat(served(zone)).contains("stranger." + name + " 120 A 192.0.2.66");
  }

  @Test
  void aFailedPullStoresNothingAndSaysWhyThenExpiryTurnsTheZoneErrorUntilAMasterAnswers()
      throws Exception {
    String name = newName();
    primary = Bind9Primary.start(name, zoneFile(name, 100), DNS_PORT, null);
    UUID zone = secondaryZone(name, primary.master());
    firstTransfer(zone);
    jdbc.update("update zones set status = 'ACTIVE', action = 'NONE' where id = ?", zone);
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

    // the master answers again: ACTIVE by itself (the restarted primary's NOTIFY may pull first)
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

    // never transferred: no SOA is invented; SERVFAIL, as BIND answers for a zone it has not loaded
    SimpleResolver minidns = new SimpleResolver(InetAddress.getLoopbackAddress());
    minidns.setPort(DNS_PORT);
    for (String question : List.of("other-" + name, "www.other-" + name)) {
      Message answer =
          minidns.send(
              Message.newQuery(Record.newRecord(Name.fromString(question), Type.SOA, DClass.IN)));
      assertThat(Rcode.string(answer.getRcode())).as(question).isEqualTo("SERVFAIL");
      assertThat(answer.getSection(Section.ANSWER)).isEmpty();
    }
    ZoneTransferIn axfr =
        ZoneTransferIn.newAXFR(
            Name.fromString("other-" + name), new InetSocketAddress("127.0.0.1", DNS_PORT), null);
    assertThatThrownBy(axfr::run)
        .isInstanceOf(org.xbill.DNS.ZoneTransferException.class)
        .hasMessageContaining("SERVFAIL");
  }

  @Test
  void onePullPerZoneAtATimeAcrossInstances() throws Exception {
    String name = newName();
    primary = Bind9Primary.start(name, zoneFile(name, 100), DNS_PORT, null);
    UUID zone = secondaryZone(name, primary.master());
    // another MiniDNS holds the zone's pull lock
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
  void centralsCastStartsAPull() throws Exception {
    String name = newName();
    primary = Bind9Primary.start(name, zoneFile(name, 7), DNS_PORT, null);
    UUID zone = secondaryZone(name, primary.master());

    rabbit.convertAndSend(
        names.exchange(),
        Messaging.PERFORM_ZONE_XFR.routingKey(),
        new PerformZoneXfr(
            RequestContext.system("req-cast"), new ZoneRef(zone, name, POOL, 1), "zone created"));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> (Long) zoneRow(zone).get("serial"), serial -> serial == 7L);
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
    new ZoneRows(jdbc)
        .tsigKey(
            keyName, "hmac-sha256", "d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC13cm9uZw==", "ZONE", zone);
    assertThat(pullWhenFree(zone)).isEqualTo(Outcome.FAILED);
    assertThat((String) zoneRow(zone).get("status_message")).contains("NOTAUTH");
    assertThat(served(zone)).isEmpty();

    // the right secret
    jdbc.update("update tsigkeys set secret = ? where resource_id = ?", secret, zone);
    assertThat(pullWhenFree(zone)).isEqualTo(Outcome.TRANSFERRED);
    assertThat((Long) zoneRow(zone).get("serial")).isEqualTo(42L);
    assertThat(served(zone)).hasSize(8);
  }

  /**
   * The zone's first transfer: this test's pull, or the one the primary's start-up NOTIFY began
   * (then this test's pull, once that one is done, finds the zone up to date).
   */
  void firstTransfer(UUID zone) {
    assertThat(pullWhenFree(zone)).isIn(Outcome.TRANSFERRED, Outcome.UP_TO_DATE);
    assertThat(zoneRow(zone).get("transferred_at")).isNotNull();
  }

  /** A pull once no other holds the zone (the primary NOTIFYs MiniDNS when it starts). */
  Outcome pullWhenFree(UUID zone) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> pull(zone), outcome -> outcome != Outcome.BUSY);
  }

  List<Long> journalSteps(UUID zone) {
    return jdbc.queryForList(
        "select id from zone_journal_steps where zone_id = ?", Long.class, zone);
  }

  /** A NOTIFY for {@code zone} sent to MiniDNS from {@code source} (an address of 127/8). */
  static Message notifyFrom(String source, String zone) throws Exception {
    Message notify = Message.newQuery(Record.newRecord(Name.fromString(zone), Type.SOA, DClass.IN));
    notify.getHeader().setOpcode(Opcode.NOTIFY);
    byte[] wire = notify.toWire();
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(source, 0))) {
      socket.setSoTimeout(5000);
      socket.send(
          new DatagramPacket(
              wire,
              wire.length,
              new InetSocketAddress(InetAddress.getLoopbackAddress(), DNS_PORT)));
      byte[] buffer = new byte[4096];
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      socket.receive(packet);
      return new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
    }
  }
}
