package io.zonecast.minidns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.minidns.transfer.ServedSerials;
import io.zonecast.minidns.zonesource.CachedZoneLookup;
import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.minidns.NotifyZoneChanged;
import io.zonecast.model.minidns.PollForSerialNumber;
import io.zonecast.model.poolmanager.PollStatus;
import io.zonecast.model.poolmanager.UpdateStatus;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.runtime.amqp.AmqpContracts;
import io.zonecast.runtime.amqp.AmqpNames;
import io.zonecast.testsupport.Bind9Secondary;
import io.zonecast.testsupport.TestInfrastructure;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/** MiniDNS against a real PostgreSQL, RabbitMQ and BIND9 secondary. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MiniDnsIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("minidns_it");
  static final int DNS_PORT = Bind9Secondary.freePort();
  static final UUID POOL = UUID.randomUUID();
  static Bind9Secondary bind;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    MiniDnsTestProperties.register(registry, DB, DNS_PORT);
    // no pools file lists this test's loopback clients and secondary: allow them by address
    registry.add("zonecast.minidns.allow-transfer", () -> "127.0.0.1");
    // only PostgreSQL's change announcements may refresh the query cache here, never its age
    registry.add("zonecast.minidns.zone-cache.max-age", () -> "1h");
    // a journal step of this test is 3 records (old SOA, new SOA, one TXT): two steps exceed this
    registry.add("zonecast.minidns.max-ixfr-records", () -> "4");
  }

  @BeforeAll
  static void startSecondary() throws Exception {
    bind = Bind9Secondary.start("minidns-it");
  }

  @AfterAll
  static void cleanUp() {
    if (bind != null) {
      bind.close();
    }
    infra.dropDatabase(DB);
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired CachedZoneLookup lookup;
  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpNames names;
  @Autowired ServedSerials served;

  /** Inserts a zone as central stores it: zone row, managed SOA and NS, A, MX and TXT records. */
  ZoneRef insertZone(long serial) {
    UUID id = UUID.randomUUID();
    String name = "m" + id.toString().substring(0, 8) + ".example.org.";
    jdbc.update(
        "insert into zones (id, project_id, pool_id, name, email, ttl, serial, status, action, created_at)"
            + " values (?, 'p', ?, ?, 'h@example.org', 300, ?, 'PENDING', 'CREATE', now())",
        id,
        POOL,
        name,
        serial);
    recordset(id, name, "SOA", "ns1.example.org. h.example.org. " + serial + " 3600 600 86400 300");
    recordset(id, name, "NS", "ns1.example.org.");
    recordset(id, "www." + name, "A", "192.0.2.7");
    recordset(id, name, "MX", "10 mail." + name);
    recordset(id, "mail." + name, "A", "192.0.2.25");
    recordset(id, "txt." + name, "TXT", "\"v=spf1 -all\"");
    return new ZoneRef(id, name, POOL, serial);
  }

  void recordset(UUID zone, String name, String type, String data) {
    UUID rs = UUID.randomUUID();
    jdbc.update(
        "insert into recordsets (id, zone_id, project_id, name, type, managed, status, action, serial, created_at)"
            + " values (?, ?, 'p', ?, ?, false, 'PENDING', 'CREATE', 1, now())",
        rs,
        zone,
        name,
        type);
    jdbc.update(
        "insert into records (id, recordset_id, zone_id, data) values (?, ?, ?, ?)",
        UUID.randomUUID(),
        rs,
        zone,
        data);
  }

  void bump(ZoneRef zone, long serial) {
    jdbc.update("update zones set serial = ? where id = ?", serial, zone.id());
    recordset(zone.id(), "new." + zone.name(), "A", "192.0.2.8");
  }

  Message ask(String name, int type) throws Exception {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
    resolver.setPort(DNS_PORT);
    return resolver.send(
        Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
  }

  long soaSerial(ZoneRef zone) throws Exception {
    return ((SOARecord) ask(zone.name(), Type.SOA).getSection(Section.ANSWER).getFirst())
        .getSerial();
  }

  @Test
  void itsDatabaseSessionsRunWithoutPostgresJit() {
    // application.yaml: with stale statistics JIT compiled millisecond queries for 320 ms
    assertThat(jdbc.queryForObject("show jit", String.class)).isEqualTo("off");
  }

  @Test
  void queryAnswersComeFromTheCacheUntilPostgresAnnouncesAChange() throws Exception {
    await().atMost(Duration.ofSeconds(10)).until(lookup::caching);
    ZoneRef zone = insertZone(100);
    assertThat(soaSerial(zone)).isEqualTo(100);

    // with triggers off (replica mode) the change is not announced: the cached answer stays
    jdbc.execute((java.sql.Connection connection) -> {
      try (var statement = connection.createStatement()) {
        statement.execute("set session_replication_role = replica");
        statement.execute("update zones set serial = 101 where id = '" + zone.id() + "'");
        statement.execute("set session_replication_role = origin");
      }
      return null;
    });
    assertThat(soaSerial(zone)).isEqualTo(100);

    // what a NOTIFY for the zone does before it goes out: the next answer is read again
    lookup.forget(Name.fromString(zone.name()));
    assertThat(soaSerial(zone)).isEqualTo(101);

    jdbc.update("update zones set serial = 102 where id = ?", zone.id());
    await().atMost(Duration.ofSeconds(2)).until(() -> soaSerial(zone) == 102);
  }

  @Test
  void answersSoaAuthoritativelyWithASerialAboveTwoToThe31() throws Exception {
    ZoneRef zone = insertZone(3_000_000_000L);

    Message answer = ask(zone.name(), Type.SOA);

    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(((SOARecord) answer.getSection(Section.ANSWER).getFirst()).getSerial())
        .isEqualTo(3_000_000_000L);
    assertThat(ask("not-held.example.net.", Type.SOA).getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void aTransferCountsAsTakenForThePollsOnlyOnceTheClientClosesItsConnection() throws Exception {
    ZoneRef zone = insertZone(91);
    Name apex = Name.fromString(zone.name());
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), DNS_PORT)) {
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] query = Message.newQuery(Record.newRecord(apex, Type.AXFR, DClass.IN)).toWire();
      out.writeShort(query.length);
      out.write(query);
      out.flush();
      byte[] wire = new byte[in.readUnsignedShort()];
      in.readFully(wire);
      List<Record> answer = new Message(wire).getSection(Section.ANSWER);
      assertThat(answer.getLast().getType())
          .as("the whole zone, ended by its SOA")
          .isEqualTo(Type.SOA);

      assertThat(served.servedAtLeast(apex, 91, Duration.ZERO).get())
          .as("the client has the answer but may not have stored it yet")
          .isFalse();
    }
    assertThat(served.servedAtLeast(apex, 91, Duration.ofSeconds(10)).get()).isTrue();
  }

  @Test
  void oneTcpConnectionAnswersSeveralQueriesInOrder() throws Exception {
    ZoneRef zone = insertZone(77);
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), DNS_PORT)) {
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      DataInputStream in = new DataInputStream(socket.getInputStream());
      Message soa =
          Message.newQuery(Record.newRecord(Name.fromString(zone.name()), Type.SOA, DClass.IN));
      Message mx =
          Message.newQuery(Record.newRecord(Name.fromString(zone.name()), Type.MX, DClass.IN));
      for (Message query : List.of(soa, mx)) {
        byte[] wire = query.toWire();
        out.writeShort(wire.length);
        out.write(wire);
      }
      out.flush();

      for (Message query : List.of(soa, mx)) {
        byte[] wire = new byte[in.readUnsignedShort()];
        in.readFully(wire);
        Message answer = new Message(wire);
        assertThat(answer.getHeader().getID()).isEqualTo(query.getHeader().getID());
        assertThat(answer.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(answer.getSection(Section.ANSWER))
            .singleElement()
            .extracting(Record::getType)
            .isEqualTo(query.getQuestion().getType());
      }
    }
  }

  @Test
  void axfrReturnsEveryRecordBetweenTwoSoas() throws Exception {
    ZoneRef zone = insertZone(10);
    ZoneTransferIn axfr =
        ZoneTransferIn.newAXFR(Name.fromString(zone.name()), "127.0.0.1", DNS_PORT, null);
    axfr.run();
    List<Record> records = axfr.getAXFR();
    assertThat(records.getFirst().getType()).isEqualTo(Type.SOA);
    assertThat(records.getLast().getType()).isEqualTo(Type.SOA);
    assertThat(records)
        .extracting(Record::getType)
        .containsExactlyInAnyOrder(Type.SOA, Type.NS, Type.A, Type.MX, Type.A, Type.TXT, Type.SOA);
    assertThat(((SOARecord) records.getFirst()).getSerial()).isEqualTo(10);
  }

  /** A record DNSSEC signing added, as central stores it. */
  void signing(ZoneRef zone, String name, String type, String data) {
    jdbc.update(
        "insert into zone_dnssec_records (zone_id, name, type, ttl, data) values (?, ?, ?, 300, ?)",
        zone.id(),
        name,
        type,
        data);
  }

  @Test
  void aNamesRecordsInTheirOrderThenWhatSigningAddedAreAnsweredAndTransferred() throws Exception {
    ZoneRef zone = insertZone(12);
    String www = "www." + zone.name();
    UUID addresses =
        jdbc.queryForObject(
            "select id from recordsets where zone_id = ? and name = ? and type = 'A'",
            UUID.class,
            zone.id(),
            www);
    jdbc.update("update records set position = 1 where recordset_id = ?", addresses);
    jdbc.update(
        "insert into records (id, recordset_id, zone_id, data, position)"
            + " values (?, ?, ?, '192.0.2.99', 0)",
        UUID.randomUUID(),
        addresses,
        zone.id());
    signing(
        zone,
        www,
        "RRSIG",
        "A 13 3 300 20270101000000 20261201000000 4711 " + zone.name() + " AQID");
    signing(zone, www, "NSEC", "txt." + zone.name() + " A RRSIG NSEC");
    signing(zone, zone.name(), "DNSKEY", "257 3 13 AQID");

    List<Record> atWww = ask(www, Type.ANY).getSection(Section.ANSWER);

    assertThat(atWww)
        .extracting(r -> Type.string(r.getType()) + " " + r.rdataToString().split(" ")[0])
        .containsExactly("A 192.0.2.99", "A 192.0.2.7", "NSEC txt." + zone.name(), "RRSIG A");

    ZoneTransferIn axfr =
        ZoneTransferIn.newAXFR(Name.fromString(zone.name()), "127.0.0.1", DNS_PORT, null);
    axfr.run();
    List<String> transferred =
        axfr.getAXFR().stream()
            .map(r -> Type.string(r.getType()) + " " + r.rdataToString().split(" ")[0])
            .toList();
    // the zone's own records (a recordset's in their order), then signing's, by name and type
    assertThat(transferred.subList(transferred.size() - 4, transferred.size()))
        .containsExactly(
            "DNSKEY 257", "NSEC txt." + zone.name(), "RRSIG A", "SOA ns1.example.org.");
    assertThat(transferred).containsSequence("A 192.0.2.99", "A 192.0.2.7");
    assertThat(transferred.subList(1, transferred.size() - 4))
        .containsExactlyInAnyOrder(
            "NS ns1.example.org.",
            "MX 10",
            "A 192.0.2.25",
            "TXT \"v=spf1",
            "A 192.0.2.99",
            "A 192.0.2.7");
  }

  /** A journal step as central writes it: old and new SOA plus the records it added. */
  void journalStep(ZoneRef zone, long from, long to, String addedOwner, String addedTxt) {
    Long step =
        jdbc.queryForObject(
            "insert into zone_journal_steps (zone_id, old_serial, new_serial, created_at)"
                + " values (?, ?, ?, now()) returning id",
            Long.class,
            zone.id(),
            from,
            to);
    String soa = "ns1.example.org. h.example.org. %d 3600 600 86400 300";
    String insert =
        "insert into zone_journal_records (step_id, removed, name, type, ttl, data)"
            + " values (?, ?, ?, ?, 300, ?)";
    jdbc.update(insert, step, true, zone.name(), "SOA", soa.formatted(from));
    jdbc.update(insert, step, false, zone.name(), "SOA", soa.formatted(to));
    jdbc.update(insert, step, false, addedOwner, "TXT", addedTxt);
  }

  ZoneTransferIn ixfrFrom(ZoneRef zone, long serial) throws Exception {
    ZoneTransferIn ixfr =
        ZoneTransferIn.newIXFR(
            Name.fromString(zone.name()), serial, false, "127.0.0.1", DNS_PORT, null);
    ixfr.run();
    return ixfr;
  }

  @Test
  void ixfrFollowsTheJournalAndSendsTheWholeZoneWhereTheJournalHasAGap() throws Exception {
    ZoneRef zone = insertZone(20);
    journalStep(zone, 17, 18, "gone." + zone.name(), "\"x\"");
    journalStep(zone, 19, 20, "txt." + zone.name(), "\"v=spf1 -all\"");

    ZoneTransferIn fromNineteen = ixfrFrom(zone, 19);
    assertThat(fromNineteen.isIXFR()).isTrue();
    assertThat(fromNineteen.getIXFR())
        .singleElement()
        .satisfies(delta -> {
          assertThat(delta.start).isEqualTo(19);
          assertThat(delta.end).isEqualTo(20);
          assertThat(delta.deletes).extracting(Record::getType).containsExactly(Type.SOA);
          assertThat(delta.adds).extracting(Record::getType).containsExactly(Type.SOA, Type.TXT);
        });

    // 18 -> 19 is missing: from 17 the journal does not lead to 20
    ZoneTransferIn fromSeventeen = ixfrFrom(zone, 17);
    assertThat(fromSeventeen.isAXFR()).isTrue();
    assertThat(fromSeventeen.getAXFR()).hasSize(7);
    assertThat(ixfrFrom(zone, 20).isCurrent()).isTrue();
  }

  @Test
  void anIxfrWhoseJournalHoldsMoreThanMaxIxfrRecordsIsAnsweredWithTheWholeZone() throws Exception {
    ZoneRef zone = insertZone(32);
    journalStep(zone, 30, 31, "one." + zone.name(), "\"1\"");
    journalStep(zone, 31, 32, "txt." + zone.name(), "\"v=spf1 -all\"");

    // from 31: one step, 3 records, within the bound of 4
    ZoneTransferIn fromThirtyOne = ixfrFrom(zone, 31);
    assertThat(fromThirtyOne.isIXFR()).isTrue();
    assertThat(fromThirtyOne.getIXFR())
        .singleElement()
        .satisfies(d -> assertThat(d.end).isEqualTo(32));

    // from 30: two steps, 6 records: past the bound, the whole zone at 32, as a gap would give
    ZoneTransferIn fromThirty = ixfrFrom(zone, 30);
    assertThat(fromThirty.isAXFR()).isTrue();
    assertThat(fromThirty.getAXFR()).hasSize(7);
    assertThat(fromThirty.getAXFR().getFirst())
        .isInstanceOfSatisfying(SOARecord.class, soa -> assertThat(soa.getSerial()).isEqualTo(32));
  }

  @Test
  void bindPullsTheZoneAndANotifyBringsItTheNewSerialWhichThePollReports() throws Exception {
    ZoneRef zone = insertZone(100);
    String rndcName = zone.name().substring(0, zone.name().length() - 1);
    bind.rndc(
        "addzone",
        rndcName,
        "{ type secondary; primaries { 127.0.0.1 port "
            + DNS_PORT
            + "; }; file \""
            + rndcName
            + ".db\"; };");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(bind.soaSerial(zone.name())).hasValue(100));
    Message a = bind.query("www." + zone.name(), Type.A);
    assertThat(a.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(a.getSection(Section.ANSWER))
        .singleElement()
        .extracting(Record::rdataToString)
        .isEqualTo("192.0.2.7");

    // the zone's refresh is an hour: only the NOTIFY can make BIND9 transfer it again now
    bump(zone, 101);
    RequestContext context = RequestContext.system("req-it");
    String destination = "127.0.0.1:" + bind.port();
    rabbit.convertAndSend(
        names.exchange(),
        Messaging.NOTIFY_ZONE_CHANGED.routingKey(),
        new NotifyZoneChanged(context, zone.withSerial(101), destination, 1.0, 0.5, 3));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(bind.soaSerial(zone.name())).hasValue(101));
    assertThat(bind.query("new." + zone.name(), Type.A).getRcode()).isEqualTo(Rcode.NOERROR);

    rabbit.convertAndSend(
        names.exchange(),
        Messaging.POLL_FOR_SERIAL_NUMBER.routingKey(),
        new PollForSerialNumber(context, zone.withSerial(101), destination, 1.0, 0.2, 5));

    UpdateStatus update = updateStatusFor(zone);
    assertThat(update.status()).isEqualTo(PollStatus.SUCCESS);
    assertThat(update.actualSerial()).isEqualTo(101L);
    assertThat(update.destination()).isEqualTo(destination);
    assertThat(update.context()).isEqualTo(context);
    assertThat(update.zone()).isEqualTo(zone.withSerial(101));
  }

  @Test
  void aPollOfAZoneTheServerDoesNotHoldEndsInErrorWithoutSerial() {
    ZoneRef zone = insertZone(5);
    rabbit.convertAndSend(
        names.exchange(),
        Messaging.POLL_FOR_SERIAL_NUMBER.routingKey(),
        new PollForSerialNumber(
            RequestContext.system("req-it2"), zone, "127.0.0.1:" + bind.port(), 0.5, 0.05, 2));

    UpdateStatus update = updateStatusFor(zone);

    assertThat(update.status()).isEqualTo(PollStatus.ERROR);
    assertThat(update.actualSerial()).isNull();
  }

  @Test
  void anUnreadableMessageIsDeadLettered() {
    rabbit.send(
        names.exchange(),
        Messaging.NOTIFY_ZONE_CHANGED.routingKey(),
        MessageBuilder.withBody("{not json".getBytes(StandardCharsets.UTF_8))
            .setContentType("application/json")
            .setHeader("__TypeId__", NotifyZoneChanged.TYPE)
            .build());

    org.springframework.amqp.core.Message dead = deadLetterContaining("{not json");

    assertThat(dead.getMessageProperties().<Object>getHeader(AmqpContracts.ERROR_HEADER))
        .isNotNull();
  }

  @Test
  void aTaskWithADestinationThatDoesNotParseIsDeadLettered() {
    ZoneRef zone = insertZone(8);
    rabbit.convertAndSend(
        names.exchange(),
        Messaging.POLL_FOR_SERIAL_NUMBER.routingKey(),
        new PollForSerialNumber(
            RequestContext.system("req-it3"), zone, "127.0.0.1:no-port", 0.5, 0.05, 2));

    org.springframework.amqp.core.Message dead = deadLetterContaining("no-port");

    assertThat(dead.getMessageProperties().<Object>getHeader(AmqpContracts.ERROR_HEADER).toString())
        .contains("no-port");
  }

  /** The next dead-lettered message whose body contains {@code text} (the queue is shared). */
  org.springframework.amqp.core.Message deadLetterContaining(String text) {
    AtomicReference<org.springframework.amqp.core.Message> found = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> {
          var message = rabbit.receive(names.deadLetterQueue(), 1_000);
          if (message != null
              && new String(message.getBody(), StandardCharsets.UTF_8).contains(text)) {
            found.set(message);
          }
          return found.get() != null;
        });
    return found.get();
  }

  /** The next update_status about {@code zone} (the queue is shared by the tests). */
  UpdateStatus updateStatusFor(ZoneRef zone) {
    AtomicReference<UpdateStatus> found = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> {
          Object message = rabbit.receiveAndConvert(names.queue(Messaging.UPDATE_STATUS), 1_000);
          if (message instanceof UpdateStatus status && status.zone().id().equals(zone.id())) {
            found.set(status);
          }
          return found.get() != null;
        });
    return found.get();
  }
}
