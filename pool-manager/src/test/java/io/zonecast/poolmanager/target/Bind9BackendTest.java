package io.zonecast.poolmanager.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.ZoneRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class Bind9BackendTest {

  static final UUID ID = UUID.fromString("0b3c1a52-5d55-4a4e-9d5c-1c7f6a0f2e11");
  final ZoneRef zone = new ZoneRef(ID, "example.org.", UUID.randomUUID(), 1);

  Bind9Backend backend(Map<String, String> options) {
    return new Bind9Backend(
        new Pool.Target(
            "bind9",
            "t",
            List.of(new Pool.HostPort("127.0.0.1", 5354), new Pool.HostPort("::1", 5354)),
            options),
        new Rndc(),
        Duration.ofSeconds(10));
  }

  @Test
  void addzoneMakesASecondaryPullingFromEveryMaster() {
    assertThat(
            backend(Map.of("rndc_host", "192.0.2.2", "rndc_port", "953", "rndc_key_file", "/k"))
                .addzoneArguments(zone))
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
  void aTsigKeyNameMakesTheZoneSignItsRequestsToEveryMaster() {
    assertThat(backend(Map.of("tsig_key_name", "pool-key")).addzoneArguments(zone))
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
    assertThat(backend(Map.of("rndc_config_file", "/etc/rndc.conf")).delzoneArguments(zone))
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
                Duration.ofSeconds(1)))
        .hasMessageContaining("needs masters");
  }
}
