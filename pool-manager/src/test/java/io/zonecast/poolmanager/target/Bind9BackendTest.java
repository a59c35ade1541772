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

  final ZoneRef zone = new ZoneRef(UUID.randomUUID(), "example.org.", UUID.randomUUID(), 1);

  Bind9Backend backend(Map<String, String> options) {
    return new Bind9Backend(
        new Pool.Target(
            "bind9",
            "t",
            List.of(new Pool.HostPort("127.0.0.1", 5354), new Pool.HostPort("::1", 5354)),
            options),
        new Rndc(),
        Duration.ofSeconds(5));
  }

  @Test
  void addzoneMakesASecondaryPullingFromEveryMaster() {
    assertThat(
            backend(Map.of("rndc_host", "192.0.2.2", "rndc_port", "953", "rndc_key_file", "/k"))
                .addzoneArguments(zone))
        .containsExactly(
            "-k",
            "/k",
            "-s",
            "192.0.2.2",
            "-p",
            "953",
            "addzone",
            "example.org",
            "{ type secondary; primaries { 127.0.0.1 port 5354; ::1 port 5354; };"
                + " file \"example.org.zonecast.db\"; };");
  }

  @Test
  void delzoneCleansTheFileAndHonoursAConfigFile() {
    assertThat(backend(Map.of("rndc_config_file", "/etc/rndc.conf")).delzoneArguments(zone))
        .containsExactly(
            "-c",
            "/etc/rndc.conf",
            "-s",
            "127.0.0.1",
            "-p",
            "953",
            "delzone",
            "-clean",
            "example.org");
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
