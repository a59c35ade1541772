package io.zonecast.poolmanager.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonecast.model.pool.InvalidPoolsFileException;
import io.zonecast.model.pool.Pool;
import io.zonecast.model.resolve.HostResolver;
import io.zonecast.poolmanager.system.PoolManagerProperties;
import io.zonecast.poolmanager.target.Backends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PoolsTest {

  static final String POOL_ID = "11111111-2222-3333-4444-555555555555";

  @TempDir Path dir;

  final Backends backends =
      new Backends(
          new Binder(new MapConfigurationPropertySource(Map.of()))
              .bindOrCreate("zonecast.pool-manager", PoolManagerProperties.class),
          HostResolver.systemDefault());

  Pools load(String yaml) throws IOException {
    Path file = dir.resolve("pools.yaml");
    Files.writeString(file, yaml);
    return new Pools(file, backends);
  }

  static String pool(String target) {
    return """
    - name: default
      id: %s
      ns_records:
        - {hostname: ns1.example.org., priority: 1}
      nameservers:
        - {host: 127.0.0.1, port: 5310}
      targets:
    %s
    """
        .formatted(POOL_ID, target.indent(4).stripTrailing());
  }

  static final String GOOD_TARGET =
      """
      - type: bind9
        masters: [{host: 127.0.0.1, port: 5354}]
        options: {host: 127.0.0.1, port: 5310, rndc_port: 9530}
      """;

  @Test
  void aGoodFileGivesItsPools() throws IOException {
    Pools pools = load(pool(GOOD_TARGET));
    Pool pool = pools.find(UUID.fromString(POOL_ID)).orElseThrow();
    assertThat(pool.targets()).hasSize(1);
    assertThat(Pools.dnsAddress(pool.targets().getFirst()))
        .isEqualTo(new Pool.HostPort("127.0.0.1", 5310));
    assertThat(pools.find(UUID.randomUUID())).isEmpty();
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> new Pools(missing, backends))
        .isInstanceOf(InvalidPoolsFileException.class)
        .hasMessage("pools file " + missing.toAbsolutePath() + " does not exist or is not a file");
  }

  @Test
  void invalidYamlIsRefused() {
    assertThatThrownBy(() -> load("- name: [unclosed"))
        .isInstanceOf(InvalidPoolsFileException.class)
        .hasMessageContaining("is not valid YAML");
  }

  @Test
  void anUnsupportedTargetTypeIsRefusedAtLoad() {
    assertThatThrownBy(() -> load(pool("- type: pdns4\n  masters: [{host: 127.0.0.1}]\n")))
        .isInstanceOf(InvalidPoolsFileException.class)
        .hasMessageContaining("pool 'default' target #1")
        .hasMessageContaining("target type 'pdns4' is not supported");
  }

  @Test
  void aBind9TargetWithoutMastersIsRefusedAtLoad() {
    assertThatThrownBy(() -> load(pool("- type: bind9\n  description: lonely\n")))
        .isInstanceOf(InvalidPoolsFileException.class)
        .hasMessageContaining("bind9 target 'lonely' needs masters");
  }

  @Test
  void aBadNotifyPortIsRefusedAtLoad() {
    String target =
        """
        - type: bind9
          masters: [{host: 127.0.0.1, port: 5354}]
          options: {port: fifty-three}
        """;
    assertThatThrownBy(() -> load(pool(target)))
        .isInstanceOf(InvalidPoolsFileException.class)
        .hasMessageContaining("port 'fifty-three'");
  }

  @Test
  void ipv6AddressesAreBracketedInDestinations() {
    Pool.Target target =
        new Pool.Target("bind9", "", List.of(), Map.of("host", "::1", "port", "5300"));
    assertThat(Pools.dnsAddress(target)).hasToString("[::1]:5300");
  }

  @Test
  void aCatalogTargetNeedsThePoolsCatalogZone() throws IOException {
    String target = "- type: bind9_catalog\n  options: {host: 127.0.0.1, port: 5310}\n";
    assertThatThrownBy(() -> load(pool(target)))
        .isInstanceOf(InvalidPoolsFileException.class)
        .hasMessageContaining("pool 'default' target #1: bind9_catalog target")
        .hasMessageContaining("needs the pool's catalog_zone");

    Pools pools = load(pool(target) + "  catalog_zone: {catalog_zone_fqdn: catalog.example.}\n");
    Pool pool = pools.find(UUID.fromString(POOL_ID)).orElseThrow();
    assertThat(pool.catalog()).contains(new Pool.CatalogZone("catalog.example.", 60));
    assertThat(Backends.consumesCatalog(pool.targets().getFirst())).isTrue();
  }
}
