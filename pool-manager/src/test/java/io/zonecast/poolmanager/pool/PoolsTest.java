package io.zonecast.poolmanager.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonecast.model.pool.InvalidPoolsFileException;
import io.zonecast.model.pool.Pool;
import io.zonecast.model.pool.PoolsFileHolder;
import io.zonecast.model.pool.PoolsReloaded;
import io.zonecast.poolmanager.system.PoolManagerProperties;
import io.zonecast.poolmanager.target.Backends;
import io.zonecast.runtime.resolve.HostResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
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
          HostResolver.systemDefault(),
          Clock.systemUTC());

  Pools load(String yaml) throws IOException {
    Path file = dir.resolve("pools.yaml");
    Files.writeString(file, yaml);
    return new Pools(file, backends, Clock.systemUTC());
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
    assertThatThrownBy(() -> new Pools(missing, backends, Clock.systemUTC()))
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

  static final String SECOND_TARGET =
      """
      - type: bind9
        masters: [{host: 127.0.0.1, port: 5354}]
        options: {host: 127.0.0.1, port: 5311, rndc_port: 9531}
      """;

  @Test
  void aReloadPutsAValidFileInForceAsTheNextGenerationAndPublishesTheChanges() throws IOException {
    List<Object> published = new ArrayList<>();
    Path file = dir.resolve("pools.yaml");
    Files.writeString(file, pool(GOOD_TARGET));
    Pools pools = new Pools(file, backends, id -> 0, published::add, Clock.systemUTC());
    assertThat(pools.snapshot().generation()).isEqualTo(1);

    Files.writeString(file, pool(GOOD_TARGET + SECOND_TARGET));
    PoolsFileHolder.Reload reload = pools.reload(null, false);

    assertThat(reload.applied()).isTrue();
    assertThat(reload.generation()).isEqualTo(2);
    assertThat(reload.changes())
        .containsExactly("pool 'default' (" + POOL_ID + "): target added: bind9 127.0.0.1:5311");
    assertThat(pools.find(UUID.fromString(POOL_ID)).orElseThrow().targets()).hasSize(2);
    assertThat(pools.lastReload()).contains(reload);
    assertThat(published)
        .singleElement()
        .isInstanceOfSatisfying(
            PoolsReloaded.class,
            event -> {
              assertThat(event.snapshot().generation()).isEqualTo(2);
              assertThat(event.changes().changed().getFirst().addedTargets())
                  .extracting(t -> t.option("port", ""))
                  .containsExactly("5311");
            });
  }

  @Test
  void anInvalidFileIsRefusedWithTheReasonAndThePoolsInForceStay() throws IOException {
    List<Object> published = new ArrayList<>();
    Path file = dir.resolve("pools.yaml");
    Files.writeString(file, pool(GOOD_TARGET));
    Pools pools = new Pools(file, backends, id -> 0, published::add, Clock.systemUTC());
    List<Pool> before = pools.all();

    // the first target is fine, the second is not: nothing of the file may be applied
    Files.writeString(
        file, pool(SECOND_TARGET + "- type: pdns4\n  masters: [{host: 127.0.0.1}]\n"));
    PoolsFileHolder.Reload reload = pools.reload(null, false);

    assertThat(reload.refused()).isTrue();
    assertThat(reload.applied()).isFalse();
    assertThat(reload.error())
        .contains("pool 'default' target #2")
        .contains("target type 'pdns4' is not supported");
    assertThat(pools.all()).isEqualTo(before);
    assertThat(pools.snapshot().generation()).isEqualTo(1);
    assertThat(pools.lastReload()).contains(reload);
    assertThat(published).isEmpty();
  }

  @Test
  void aDryRunShowsTheChangesOfGivenContentAndAppliesNothing() throws IOException {
    Pools pools = load(pool(GOOD_TARGET));
    String withoutNameserver =
        pool(GOOD_TARGET).replace("    - {host: 127.0.0.1, port: 5310}\n", "");

    PoolsFileHolder.Reload reload = pools.reload(withoutNameserver, true);

    assertThat(reload.applied()).isFalse();
    assertThat(reload.dryRun()).isTrue();
    assertThat(reload.changes())
        .containsExactly("pool 'default' (" + POOL_ID + "): nameserver removed: 127.0.0.1:5310");
    assertThat(pools.find(UUID.fromString(POOL_ID)).orElseThrow().nameservers()).hasSize(1);
    assertThat(pools.lastReload()).isEmpty();
    assertThatThrownBy(() -> pools.reload(withoutNameserver, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPoolThatStillHasZonesCannotLeaveTheFile() throws IOException {
    Path file = dir.resolve("pools.yaml");
    String other =
        pool(GOOD_TARGET)
            .replace("name: default", "name: other")
            .replace(POOL_ID, UUID.randomUUID().toString());
    Files.writeString(file, pool(GOOD_TARGET) + other);
    Pools pools =
        new Pools(
            file,
            backends,
            id -> id.toString().equals(POOL_ID) ? 0 : 3,
            e -> {},
            Clock.systemUTC());

    Files.writeString(file, pool(GOOD_TARGET));
    PoolsFileHolder.Reload reload = pools.reload(null, false);

    assertThat(reload.error()).contains("pool 'other'").contains("still has 3 zones");
    assertThat(pools.all()).hasSize(2);
  }

  @Test
  void aReloadOfAnUnchangedFileKeepsTheGeneration() throws IOException {
    Pools pools = load(pool(GOOD_TARGET));
    PoolsFileHolder.Reload reload = pools.reload(null, false);
    assertThat(reload.applied()).isFalse();
    assertThat(reload.refused()).isFalse();
    assertThat(reload.changes()).isEmpty();
    assertThat(pools.snapshot().generation()).isEqualTo(1);
  }
}
