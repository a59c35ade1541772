package io.zonecast.minidns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zonecast.minidns.testing.ZoneRows;
import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.minidns.NotifyZoneChanged;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.runtime.amqp.AmqpNames;
import io.zonecast.testsupport.Bind9Secondary;
import io.zonecast.testsupport.TestInfrastructure;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Who may transfer, against a real PostgreSQL, RabbitMQ and BIND9 secondary: a zone with a TSIG key
 * is transferred by a secondary holding the key (and its NOTIFYs are signed), not by one with a
 * wrong secret nor unsigned; only the servers of the pools file and allow-transfer may transfer,
 * and a changed pools file is read again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TransferSecurityIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("minidns_transfer_security_it");
  static final int DNS_PORT = Bind9Secondary.freePort();
  static final UUID POOL = UUID.randomUUID();
  static final String SECRET = "Zm9vYmFyLXpvbmVjYXN0LXRzaWctc2VjcmV0LTEyMzQ=";
  static final String WRONG_SECRET = "d3Jvbmctd3Jvbmctd3Jvbmctd3Jvbmctd3Jvbmc=";
  static final Path POOLS = PoolsFiles.targetOnLoopback(DNS_PORT);
  static Bind9Secondary bind;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    MiniDnsTestProperties.register(registry, DB, DNS_PORT);
    // loopback is not in the list: 127.0.0.1 may transfer only as the pools file's target
    registry.add("zonecast.minidns.allow-transfer", () -> "192.0.2.0/24");
    registry.add("zonecast.minidns.pools-file", POOLS::toString);
    registry.add("zonecast.minidns.tsig-refresh", () -> "0s");
  }

  @BeforeAll
  static void startSecondary() throws Exception {
    bind = Bind9Secondary.start("transfer-security-it");
  }

  @AfterAll
  static void cleanUp() throws IOException {
    if (bind != null) {
      bind.close();
    }
    infra.dropDatabase(DB);
    Files.deleteIfExists(POOLS);
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpNames names;

  ZoneRef insertZone(long serial) {
    return new ZoneRows(jdbc).zone("s", POOL, serial);
  }

  void storeKey(String name, String secret, String scope, UUID resource) {
    new ZoneRows(jdbc).tsigKey(name, "hmac-sha256", secret, scope, resource);
  }

  /** rndc addzone of {@code zone} with MiniDNS as primary, signing with {@code key} if given. */
  void addToBind(ZoneRef zone, String key) throws IOException {
    String rndcName = zone.name().substring(0, zone.name().length() - 1);
    bind.rndc(
        "addzone",
        rndcName,
        "{ type secondary; primaries { 127.0.0.1 port "
            + DNS_PORT
            + (key == null ? "" : " key \"" + key + "\"")
            + "; }; file \""
            + rndcName
            + ".db\"; };");
  }

  static List<Record> axfr(ZoneRef zone, String localAddress, TSIG key)
      throws IOException, ZoneTransferException {
    ZoneTransferIn transfer =
        ZoneTransferIn.newAXFR(
            Name.fromString(zone.name()), new InetSocketAddress("127.0.0.1", DNS_PORT), key);
    transfer.setLocalAddress(new InetSocketAddress(localAddress, 0));
    transfer.setTimeout(Duration.ofSeconds(5));
    transfer.run();
    return transfer.getAXFR();
  }

  @Test
  void aSecondaryWithTheZonesKeyTransfersItAndAcceptsItsSignedNotify() throws Exception {
    ZoneRef zone = insertZone(100);
    String key = "k-" + zone.id().toString().substring(0, 8);
    storeKey(key, SECRET, "ZONE", zone.id());
    bind.tsigKey(key, "hmac-sha256", SECRET);
    addToBind(zone, key);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(bind.soaSerial(zone.name())).hasValue(100));

    jdbc.update("update zones set serial = 101 where id = ?", zone.id());
    jdbc.update(
        "update records set data = 'ns1.example.org. h.example.org. 101 3600 600 86400 300'"
            + " where data like 'ns1.example.org. h.example.org. 100 %' and zone_id = ?",
        zone.id());
    rabbit.convertAndSend(
        names.exchange(),
        Messaging.NOTIFY_ZONE_CHANGED.routingKey(),
        new NotifyZoneChanged(
            RequestContext.system("req-tsig"),
            zone.withSerial(101),
            "127.0.0.1:" + bind.port(),
            1.0,
            0.5,
            3));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(bind.soaSerial(zone.name())).hasValue(101));
    // BIND names the key of a signed request after the client's address
    assertThat(bind.log())
        .containsPattern("127\\.0\\.0\\.1#\\d+/key " + key + ": received notify for zone");
  }

  @Test
  void aSecondaryWithAWrongSecretOrWithoutTheKeyGetsNothing() throws Exception {
    ZoneRef zone = insertZone(200);
    String key = "w-" + zone.id().toString().substring(0, 8);
    storeKey(key, SECRET, "POOL", POOL);
    bind.tsigKey(key, "hmac-sha256", WRONG_SECRET);
    addToBind(zone, key);
    String rndcName = zone.name().substring(0, zone.name().length() - 1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() ->
            bind.log()
                .lines()
                .anyMatch(line -> line.contains(rndcName) && line.toLowerCase().contains("fail")));
    assertThat(bind.soaSerial(zone.name())).isEmpty();

    TSIG wrong = new TSIG(TSIG.HMAC_SHA256, Name.fromString(key + "."), WRONG_SECRET);
    assertThatThrownBy(() -> axfr(zone, "127.0.0.1", wrong))
        .isInstanceOf(ZoneTransferException.class)
        .hasMessageContaining("NOTAUTH");
    assertThatThrownBy(() -> axfr(zone, "127.0.0.1", null))
        .isInstanceOf(ZoneTransferException.class)
        .hasMessageContaining("REFUSED");
    TSIG right = new TSIG(TSIG.HMAC_SHA256, Name.fromString(key + "."), SECRET);
    assertThat(axfr(zone, "127.0.0.1", right)).hasSize(4);
  }

  @Test
  void onlyThePoolsServersAndAllowTransferMayTransferAndTheFileIsReadAgain() throws Exception {
    ZoneRef zone = insertZone(300);
    assertThat(axfr(zone, "127.0.0.1", null)).hasSize(4);
    // a stranger's TCP connection is closed as soon as it is accepted: no answer at all
    assertThatThrownBy(() -> axfr(zone, "127.0.0.2", null)).isInstanceOf(EOFException.class);

    Files.writeString(POOLS, PoolsFiles.yaml(DNS_PORT, List.of("127.0.0.2")));
    Files.setLastModifiedTime(POOLS, FileTime.from(Instant.now().plusSeconds(5)));
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .untilAsserted(() -> assertThat(axfr(zone, "127.0.0.2", null)).hasSize(4));
    assertThatThrownBy(() -> axfr(zone, "127.0.0.3", null)).isInstanceOf(EOFException.class);
  }
}
