package io.zonecast.minidns.secondary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zonecast.minidns.MiniDnsTestProperties;
import io.zonecast.model.messaging.Messaging;
import io.zonecast.runtime.amqp.AmqpNames;
import io.zonecast.testsupport.Bind9Primary;
import io.zonecast.testsupport.Bind9Secondary;
import io.zonecast.testsupport.PrimaryZoneFile;
import io.zonecast.testsupport.TestInfrastructure;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * MiniDNS's side of SECONDARY zones, against a real BIND9 primary, PostgreSQL and RabbitMQ: a
 * NOTIFY from one of the zone's masters is answered and handed to central as a {@code
 * central.secondary_zone_notified} cast; one from a stranger is REFUSED, one for a name that is no
 * SECONDARY zone NOTAUTH, and neither is handed on; a zone never transferred is SERVFAIL. (Central
 * pulls: central-service {@code SecondaryPullIT}.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecondaryNotifyIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("minidns_secondary_notify_it");
  static final int DNS_PORT = Bind9Secondary.freePort();
  static final UUID POOL = UUID.randomUUID();
  static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    MiniDnsTestProperties.register(registry, DB, DNS_PORT);
    registry.add("zonecast.minidns.allow-transfer", () -> "127.0.0.1");
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpNames names;

  Bind9Primary primary;

  @AfterEach
  void stopPrimary() {
    if (primary != null) {
      primary.close();
    }
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
    return id;
  }

  static String newName() {
    return "s" + UUID.randomUUID().toString().substring(0, 8) + ".example.";
  }

  final List<JsonNode> casts = new ArrayList<>();

  /** The casts to central received so far, once one is about {@code zone}. */
  List<JsonNode> castsUntilOneAbout(UUID zone) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> {
          org.springframework.amqp.core.Message message;
          while ((message = rabbit.receive(names.queue(Messaging.SECONDARY_ZONE_NOTIFIED), 50))
              != null) {
            casts.add(JSON.readTree(message.getBody()));
          }
          return casts.stream().anyMatch(cast -> about(cast, zone));
        });
    return casts;
  }

  static boolean about(JsonNode cast, UUID zone) {
    return cast.get("zone").get("id").asString().equals(zone.toString());
  }

  @Test
  void aNotifyOfTheZonesMasterIsHandedToCentral() throws Exception {
    String name = newName();
    UUID zone = secondaryZone(name, "127.0.0.1:5399");
    // the primary NOTIFYs MiniDNS when it starts (from 127.0.0.1, the zone's master's address)
    primary = Bind9Primary.start(name, PrimaryZoneFile.of(name, 100), DNS_PORT, null);

    JsonNode cast =
        castsUntilOneAbout(zone).stream().filter(c -> about(c, zone)).findFirst().orElseThrow();
    assertThat(cast.get("master").asString()).isEqualTo("127.0.0.1");
    // it names the zone as every zone message does (id, name, pool, serial)
    assertThat(cast.get("zone").get("name").asString()).isEqualTo(name);
    assertThat(cast.get("zone").get("pool_id").asString()).isEqualTo(POOL.toString());
    assertThat(cast.get("zone").get("serial").asLong()).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> primary.log().contains("notify response from 127.0.0.1#" + DNS_PORT));
    assertThat(primary.log())
        .doesNotContain("notify response from 127.0.0.1#" + DNS_PORT + ": REFUSED");
  }

  @Test
  void onlyTheZonesMastersMayNotify() throws Exception {
    String name = newName();
    // the zone's master is elsewhere: the primary on 127.0.0.1 is a stranger to it
    UUID zone = secondaryZone(name, "127.0.0.9:53");
    primary = Bind9Primary.start(name, PrimaryZoneFile.of(name, 100), DNS_PORT, null);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> primary.log().contains("notify response from 127.0.0.1#" + DNS_PORT));
    assertThat(primary.log()).contains("notify response from 127.0.0.1#" + DNS_PORT + ": REFUSED");

    Message refused = notifyFrom("127.0.0.2", name);
    assertThat(refused.getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(refused.getHeader().getOpcode()).isEqualTo(Opcode.NOTIFY);
    assertThat(notifyFrom("127.0.0.2", "nosuchzone.example.").getRcode()).isEqualTo(Rcode.NOTAUTH);

    // a master's NOTIFY for another zone, sent after them, arrives; none of them came before it
    String other = newName();
    UUID otherZone = secondaryZone(other, "127.0.0.3");
    assertThat(notifyFrom("127.0.0.3", other).getRcode()).isEqualTo(Rcode.NOERROR);
    List<JsonNode> received = castsUntilOneAbout(otherZone);
    assertThat(received).noneMatch(cast -> about(cast, zone));
    assertThat(received.stream().filter(cast -> about(cast, otherZone)).toList())
        .singleElement()
        .satisfies(cast -> assertThat(cast.get("master").asString()).isEqualTo("127.0.0.3"));
  }

  @Test
  void aZoneNeverTransferredIsServfail() throws Exception {
    String name = "other-" + newName();
    secondaryZone(name, "127.0.0.1");

    // no SOA is invented; SERVFAIL, as BIND answers for a zone it has not loaded
    SimpleResolver minidns = new SimpleResolver(InetAddress.getLoopbackAddress());
    minidns.setPort(DNS_PORT);
    for (String question : List.of(name, "www." + name)) {
      Message answer =
          minidns.send(
              Message.newQuery(Record.newRecord(Name.fromString(question), Type.SOA, DClass.IN)));
      assertThat(Rcode.string(answer.getRcode())).as(question).isEqualTo("SERVFAIL");
      assertThat(answer.getSection(Section.ANSWER)).isEmpty();
    }
    ZoneTransferIn axfr =
        ZoneTransferIn.newAXFR(
            Name.fromString(name), new InetSocketAddress("127.0.0.1", DNS_PORT), null);
    assertThatThrownBy(axfr::run)
        .isInstanceOf(org.xbill.DNS.ZoneTransferException.class)
        .hasMessageContaining("SERVFAIL");
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
      return new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
    }
  }
}
