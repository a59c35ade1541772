package io.zonecast.poolmanager.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.testsupport.Bind9Secondary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bind9 backend against a real BIND9 driven by rndc. */
class Bind9BackendIT {

  static Bind9Secondary bind;

  @BeforeAll
  static void start() throws IOException {
    bind = Bind9Secondary.start("backend");
  }

  @AfterAll
  static void stop() {
    bind.close();
  }

  Bind9Backend backend(String keyFile) {
    return new Bind9Backend(
        new Pool.Target(
            "bind9",
            "it",
            // nothing listens there: the zone is configured, its transfer simply fails
            List.of(new Pool.HostPort("127.0.0.1", Bind9Secondary.freePort())),
            Map.of(
                "rndc_host",
                "127.0.0.1",
                "rndc_port",
                String.valueOf(bind.rndcPort()),
                "rndc_key_file",
                keyFile)),
        new Rndc(),
        Duration.ofSeconds(10));
  }

  ZoneRef zone() {
    return new ZoneRef(
        UUID.randomUUID(),
        "b" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.",
        UUID.randomUUID(),
        1);
  }

  @Test
  void addsAndDeletesZonesIdempotently() throws Exception {
    Bind9Backend backend = backend(bind.rndcKeyFile().toString());
    ZoneRef zone = zone();
    String name = zone.name().substring(0, zone.name().length() - 1);

    backend.createZone(zone);
    backend.createZone(zone);
    assertThat(bind.rndc("showzone", name)).contains("type secondary").contains("primaries");

    backend.deleteZone(zone);
    backend.deleteZone(zone);
    assertThatThrownBy(() -> bind.rndc("showzone", name)).hasMessageContaining("not found");
  }

  @Test
  void aWrongKeyFailsWithRndcsMessage() throws Exception {
    Path wrongKey = Files.createTempFile("wrong", ".key");
    Files.writeString(
        wrongKey,
        "key \"rndc-key\" { algorithm hmac-sha256; secret \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"; };\n");
    assertThatThrownBy(() -> backend(wrongKey.toString()).createZone(zone()))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("rndc addzone");
  }
}
