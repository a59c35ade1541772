package io.zonecast.poolmanager.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.runtime.resolve.HostResolver;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Bind9BackendTest {

  static final UUID ID = UUID.fromString("0b3c1a52-5d55-4a4e-9d5c-1c7f6a0f2e11");
  final ZoneRef zone = new ZoneRef(ID, "example.org.", UUID.randomUUID(), 1);

  @TempDir Path dir;
  HostResolver resolver;

  @BeforeEach
  void hostsFile() throws Exception {
    Files.writeString(
        dir.resolve("hosts"),
        "127.0.0.61 minidns.zonecast.test\n127.0.0.62 minidns.zonecast.test\n");
    resolver = HostResolver.system(dir.resolve("hosts"), Duration.ofSeconds(5));
  }

  static InetSocketAddress at(String ip, int port) {
    return new InetSocketAddress(ip, port);
  }

  Bind9Backend backend(Map<String, String> options) {
    return new Bind9Backend(
        new Pool.Target(
            "bind9",
            "t",
            List.of(new Pool.HostPort("127.0.0.1", 5354), new Pool.HostPort("::1", 5354)),
            options),
        new Rndc(),
        Duration.ofSeconds(10),
        resolver,
        Clock.systemUTC());
  }

  @Test
  void addzoneMakesASecondaryPullingFromEveryMaster() throws Exception {
    Bind9Backend backend =
        backend(Map.of("rndc_host", "192.0.2.2", "rndc_port", "953", "rndc_key_file", "/k"));
    assertThat(backend.rndcArguments(at("192.0.2.2", 953), backend.addzoneCommand(zone)))
        .containsExactly(
            "-s",
            "192.0.2.2",
            "-p",
            "953",
            "-k",
            "/k",
            "addzone",
            "example.org",
            "{ type secondary; primaries { 127.0.0.1 port 5354; ::1 port 5354; };"
                + " file \"example.org."
                + ID
                + ".zonecast.db\"; };");
  }

  @Test
  void aTsigKeyNameMakesTheZoneSignItsRequestsToEveryMaster() throws Exception {
    assertThat(backend(Map.of("tsig_key_name", "pool-key")).addzoneCommand(zone))
        .contains(
            "{ type secondary; primaries { 127.0.0.1 port 5354 key \"pool-key\";"
                + " ::1 port 5354 key \"pool-key\"; }; file \"example.org."
                + ID
                + ".zonecast.db\"; };");
    assertThatThrownBy(() -> backend(Map.of("tsig_key_name", "k\"; }; also-notify { 10.0.0.1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tsig_key_name");
  }

  @Test
  void delzoneCleansTheFileAndHonoursAConfigFile() {
    assertThat(
            backend(Map.of("rndc_config_file", "/etc/rndc.conf"))
                .rndcArguments(at("127.0.0.1", 953), Bind9Backend.delzoneCommand(zone)))
        .containsExactly(
            "-s",
            "127.0.0.1",
            "-p",
            "953",
            "-c",
            "/etc/rndc.conf",
            "delzone",
            "-clean",
            "example.org");
  }

  @Test
  void aMasterGivenByNameBecomesEachOfItsCurrentAddresses() throws Exception {
    Bind9Backend backend =
        new Bind9Backend(
            new Pool.Target(
                "bind9", "t", List.of(new Pool.HostPort("minidns.zonecast.test", 5354)), Map.of()),
            new Rndc(),
            Duration.ofSeconds(10),
            resolver,
            Clock.systemUTC());
    assertThat(backend.addzoneCommand(zone).get(2))
        .startsWith("{ type secondary; primaries { 127.0.0.61 port 5354; 127.0.0.62 port 5354; };");

    Files.writeString(dir.resolve("hosts"), "127.0.0.63 minidns.zonecast.test # moved\n");
    assertThat(backend.addzoneCommand(zone).get(2))
        .startsWith("{ type secondary; primaries { 127.0.0.63 port 5354; };");

    Files.writeString(dir.resolve("hosts"), "");
    assertThatThrownBy(() -> backend.addzoneCommand(zone))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("host 'minidns.zonecast.test' does not resolve");
  }

  @Test
  void theZoneFileNameCannotLeaveTheDirectoryNorBreakTheQuotes() {
    ZoneRef odd = new ZoneRef(ID, "a\\\"b/..\\032c.example.", UUID.randomUUID(), 1);
    assertThat(Bind9Backend.zoneFileName(odd))
        .isEqualTo("a__b_.._032c.example." + ID + ".zonecast.db")
        .doesNotContain("/", "\"");
    ZoneRef dotted = new ZoneRef(ID, "..example.", UUID.randomUUID(), 1);
    assertThat(Bind9Backend.zoneFileName(dotted)).startsWith("_..example.");
    ZoneRef longName =
        new ZoneRef(
            ID, "a".repeat(63) + ".".repeat(1) + "b".repeat(180) + ".", UUID.randomUUID(), 1);
    assertThat(Bind9Backend.zoneFileName(longName).length()).isLessThan(255);
  }

  @Test
  void aTargetsRndcTimeoutOverridesTheDefault() {
    assertThat(backend(Map.of()).timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(backend(Map.of("rndc_timeout", "2.5")).timeout()).isEqualTo(Duration.ofMillis(2500));
  }

  @Test
  void badOptionsAreRefusedWithTheirName() {
    assertThatThrownBy(() -> backend(Map.of("rndc_port", "nine")))
        .hasMessageContaining("rndc_port 'nine' is no port");
    assertThatThrownBy(() -> backend(Map.of("rndc_timeout", "-1")))
        .hasMessageContaining("rndc_timeout '-1'");
  }

  @Test
  void aTargetWithoutMastersIsRefused() {
    assertThatThrownBy(() ->
            new Bind9Backend(
                new Pool.Target("bind9", "t", List.of(), Map.of()),
                new Rndc(),
                Duration.ofSeconds(1),
                resolver,
                Clock.systemUTC()))
        .hasMessageContaining("needs masters");
  }
}
