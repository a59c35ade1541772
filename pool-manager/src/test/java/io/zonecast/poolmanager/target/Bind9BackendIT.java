package io.zonecast.poolmanager.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.runtime.resolve.HostResolver;
import io.zonecast.testsupport.Bind9Secondary;
import io.zonecast.testsupport.ZonePrimary;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The bind9 backend against two real BIND9 secondaries driven by rndc. */
class Bind9BackendIT {

  static Bind9Secondary first;
  static Bind9Secondary second;

  /** Nothing listens there: the zone is configured, only its transfer fails. */
  static final int NO_PRIMARY = Bind9Secondary.freePort();

  @TempDir Path dir;

  @BeforeAll
  static void start() throws IOException {
    first = Bind9Secondary.start("backend-1");
    second = Bind9Secondary.start("backend-2");
  }

  @AfterAll
  static void stop() {
    if (first != null) {
      first.close();
    }
    if (second != null) {
      second.close();
    }
  }

  static Pool.Target target(Bind9Secondary bind, String keyFile) {
    return new Pool.Target(
        "bind9",
        "it",
        List.of(new Pool.HostPort("127.0.0.1", NO_PRIMARY)),
        Map.of(
            "rndc_host",
            "127.0.0.1",
            "rndc_port",
            String.valueOf(bind.rndcPort()),
            "rndc_key_file",
            keyFile));
  }

  static Bind9Backend backend(Bind9Secondary bind, String keyFile) {
    return new Bind9Backend(
        target(bind, keyFile),
        new NoRndcProgram(),
        Duration.ofSeconds(10),
        HostResolver.systemDefault(),
        Clock.systemUTC());
  }

  /** With an HMAC-SHA key file every call goes over the control channel: no rndc process. */
  static final class NoRndcProgram extends Rndc {
    @Override
    Result run(List<String> arguments, Duration timeout) {
      throw new AssertionError("the rndc program ran: " + arguments);
    }
  }

  static Bind9Backend backend(Bind9Secondary bind) {
    return backend(bind, bind.rndcKeyFile().toString());
  }

  static ZoneRef zone() {
    return new ZoneRef(
        UUID.randomUUID(),
        "b" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.",
        UUID.randomUUID(),
        1);
  }

  static String rndcName(ZoneRef zone) {
    return zone.name().substring(0, zone.name().length() - 1);
  }

  @Test
  void addzoneConfiguresASecondaryOnEachServerAndDelzoneRemovesIt() throws Exception {
    ZoneRef zone = zone();
    for (Bind9Secondary bind : List.of(first, second)) {
      backend(bind).createZone(zone);
    }
    for (Bind9Secondary bind : List.of(first, second)) {
      assertThat(bind.rndc("showzone", rndcName(zone)))
          .contains("type secondary")
          .contains("127.0.0.1 port " + NO_PRIMARY)
          .contains(Bind9Backend.zoneFileName(zone));
    }

    for (Bind9Secondary bind : List.of(first, second)) {
      backend(bind).deleteZone(zone);
    }
    for (Bind9Secondary bind : List.of(first, second)) {
      assertThatThrownBy(() -> bind.rndc("showzone", rndcName(zone)))
          .hasMessageContaining("not found");
    }
  }

  @Test
  void callsGoOverOneKeptConnectionAndOneBindClosedIsReplaced() throws Exception {
    ControlChannels channels = new ControlChannels(Clock.systemUTC());
    Bind9Backend backend =
        new Bind9Backend(
            target(second, second.rndcKeyFile().toString()),
            new NoRndcProgram(),
            Duration.ofSeconds(10),
            HostResolver.systemDefault(),
            channels);
    List<ZoneRef> zones = List.of(zone(), zone(), zone());
    for (ZoneRef zone : zones) {
      backend.createZone(zone);
    }
    ControlChannel channel =
        channels.channel(
            new InetSocketAddress("127.0.0.1", second.rndcPort()),
            channels.key(second.rndcKeyFile()).orElseThrow());
    assertThat(channel.connectionsOpened()).isEqualTo(1);

    second.restart(); // closes the kept connection
    for (ZoneRef zone : zones) {
      backend.deleteZone(zone);
      assertThatThrownBy(() -> second.rndc("showzone", rndcName(zone)))
          .hasMessageContaining("not found");
    }
    assertThat(channel.connectionsOpened()).isEqualTo(2);
  }

  @Test
  void addzoneTwiceSucceeds() throws Exception {
    ZoneRef zone = zone();
    backend(first).createZone(zone);
    backend(first).createZone(zone);
    assertThat(first.rndc("showzone", rndcName(zone))).contains("type secondary");
    backend(first).deleteZone(zone);
  }

  @Test
  void delzoneOfAnUnknownZoneSucceeds() throws Exception {
    ZoneRef zone = zone();
    backend(first).deleteZone(zone);
    backend(second).deleteZone(zone);
  }

  @Test
  void aWrongKeyFailsWithRndcsMessage() throws Exception {
    Path wrongKey = dir.resolve("wrong.key");
    Files.writeString(
        wrongKey,
        "key \"rndc-key\" { algorithm hmac-sha256; secret"
            + " \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"; };\n");
    ZoneRef zone = zone();
    assertThatThrownBy(() -> backend(first, wrongKey.toString()).createZone(zone))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("rndc addzone " + rndcName(zone) + " failed")
        .hasMessageContaining("rndc: connection to remote host closed");
    assertThatThrownBy(() -> first.rndc("showzone", rndcName(zone)))
        .hasMessageContaining("not found");
  }

  @Test
  void rndcFailsOverToTheNextAddressOfItsHostAndMastersGoInByAddress() throws Exception {
    Path hosts = dir.resolve("hosts");
    // nothing listens on 127.0.0.71: the control channel is refused there, then reached on .1
    Files.writeString(
        hosts,
        "127.0.0.71 bind.zonecast.test\n127.0.0.1 bind.zonecast.test\n"
            + "127.0.0.1 minidns.zonecast.test\n");
    Bind9Backend backend =
        new Bind9Backend(
            new Pool.Target(
                "bind9",
                "by-name",
                List.of(new Pool.HostPort("minidns.zonecast.test", NO_PRIMARY)),
                Map.of(
                    "rndc_host",
                    "bind.zonecast.test",
                    "rndc_port",
                    String.valueOf(first.rndcPort()),
                    "rndc_key_file",
                    first.rndcKeyFile().toString())),
            new NoRndcProgram(),
            Duration.ofSeconds(10),
            HostResolver.system(hosts, Duration.ofSeconds(5)),
            Clock.systemUTC());
    ZoneRef zone = zone();

    backend.createZone(zone);
    assertThat(first.rndc("showzone", rndcName(zone))).contains("127.0.0.1 port " + NO_PRIMARY);
    backend.deleteZone(zone);
    assertThatThrownBy(() -> first.rndc("showzone", rndcName(zone)))
        .hasMessageContaining("not found");

    Files.writeString(hosts, "127.0.0.71 bind.zonecast.test\n127.0.0.1 minidns.zonecast.test\n");
    assertThatThrownBy(() -> backend.createZone(zone))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("127.0.0.71");
  }

  @Test
  void followingTheMastersMovesAZoneToWhereItsMasterNowResolvesAndItTransfersFromThere()
      throws Exception {
    try (ZonePrimary before = ZonePrimary.start();
        ZonePrimary after = ZonePrimary.start("127.0.0.2", before.port())) {
      ZoneRef zone = zone();
      ZoneRef absent = zone();
      before.serve(zone.name(), 1, "192.0.2.1");
      after.serve(zone.name(), 2, "192.0.2.2");
      Path hosts = dir.resolve("hosts");
      Files.writeString(hosts, "127.0.0.1 minidns.zonecast.test\n");
      List<Pool.HostPort> masters =
          List.of(new Pool.HostPort("minidns.zonecast.test", before.port()));
      Bind9Backend backend =
          new Bind9Backend(
              new Pool.Target(
                  "bind9",
                  "moving-master",
                  masters,
                  Map.of(
                      "rndc_port",
                      String.valueOf(first.rndcPort()),
                      "rndc_key_file",
                      first.rndcKeyFile().toString())),
              new NoRndcProgram(),
              Duration.ofSeconds(10),
              HostResolver.system(hosts, Duration.ofSeconds(5)),
              Clock.systemUTC());
      backend.createZone(zone);
      awaitSerial(first, zone, 1);

      Files.writeString(hosts, "127.0.0.2 minidns.zonecast.test\n");
      Backend.ZoneStep step = backend.followMasters(masters).orElseThrow();
      step.apply(zone);
      step.apply(absent);

      awaitSerial(first, zone, 2);
      assertThat(first.query("www." + zone.name(), Type.A).getSection(Section.ANSWER))
          .singleElement()
          .satisfies(
              r -> assertThat(((ARecord) r).getAddress().getHostAddress()).isEqualTo("192.0.2.2"));
      assertThat(first.rndc("showzone", rndcName(zone)))
          .contains("primaries { 127.0.0.2 port " + before.port() + "; }")
          .contains(Bind9Backend.zoneFileName(zone));
      assertThatThrownBy(() -> first.rndc("showzone", rndcName(absent)))
          .as("a zone the server lacks is left to the sync")
          .hasMessageContaining("not found");

      step.apply(zone);
      assertThat(first.log()).containsOnlyOnce("updated zone " + rndcName(zone));
      backend.deleteZone(zone);
    }
  }

  @Test
  void aTransferTheServerRefusesIsToldWithBindsReasonFromItsLog() throws Exception {
    try (ZonePrimary primary = ZonePrimary.start()) {
      ZoneRef small = zone();
      ZoneRef big = new ZoneRef(UUID.randomUUID(), zone().name(), UUID.randomUUID(), 2);
      primary.serve(small.name(), 1, "192.0.2.1", "192.0.2.2", "192.0.2.3");
      primary.serve(big.name(), 2, "192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4");
      Map<String, String> options =
          Map.of(
              "rndc_port",
              String.valueOf(second.rndcPort()),
              "rndc_key_file",
              second.rndcKeyFile().toString(),
              "log_file",
              second.logFile().toString());
      Bind9Backend backend =
          new Bind9Backend(
              new Pool.Target(
                  "bind9",
                  "lowered",
                  List.of(new Pool.HostPort("127.0.0.1", primary.port())),
                  options),
              new NoRndcProgram(),
              Duration.ofSeconds(10),
              HostResolver.systemDefault(),
              Clock.systemUTC());
      second.maxRecordsPerType(3);
      try {
        backend.createZone(small);
        backend.createZone(big);
        awaitSerial(second, small, 1);
        await("BIND's verdict on " + big.name())
            .atMost(Duration.ofSeconds(30))
            .until(() -> backend.refusal(big).isPresent());

        assertThat(backend.refusal(big))
            .hasValueSatisfying(refusal ->
                assertThat(refusal)
                    .startsWith("bind9 target 'lowered' (rndc 127.0.0.1:" + second.rndcPort() + ")")
                    .contains(
                        "refused the transfer of serial 2: error adding 'www." + rndcName(big))
                    .endsWith("too many records (must not exceed 3)"));
        assertThat(backend.refusal(small)).as("a zone it loaded").isEmpty();
        assertThat(backend(second, second.rndcKeyFile().toString()).refusal(big))
            .as("without log_file")
            .isEmpty();
      } finally {
        second.maxRecordsPerType(Bind9Secondary.DEFAULT_MAX_RECORDS_PER_TYPE);
        backend.deleteZone(small);
        backend.deleteZone(big);
      }
    }
  }

  static void awaitSerial(Bind9Secondary bind, ZoneRef zone, long serial) {
    await(zone.name() + " at serial " + serial)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> bind.soaSerial(zone.name()).equals(OptionalLong.of(serial)));
  }
}
