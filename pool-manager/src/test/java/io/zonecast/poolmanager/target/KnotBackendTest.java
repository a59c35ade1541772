package io.zonecast.poolmanager.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.poolmanager.system.PoolManagerProperties;
import io.zonecast.runtime.resolve.HostResolver;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The knot target's options, checked when the pools file is read (Backends.forTarget). */
class KnotBackendTest {

  static final List<Pool.HostPort> MINIDNS =
      List.of(new Pool.HostPort("127.0.0.1", 5354), new Pool.HostPort("::1", 5354));

  final Backends backends =
      new Backends(
          new Binder(new MapConfigurationPropertySource(Map.of()))
              .bindOrCreate("zonecast.pool-manager", PoolManagerProperties.class),
          HostResolver.systemDefault(),
          Clock.systemUTC());

  Backend forTarget(List<Pool.HostPort> masters, Map<String, String> options) {
    Pool pool =
        new Pool(
            Pool.DEFAULT_POOL_ID,
            "default",
            "",
            Map.of(),
            List.of(),
            List.of(),
            List.of(new Pool.Target("knot", "k1", masters, options)),
            List.of());
    return backends.forTarget(pool, pool.targets().getFirst());
  }

  @Test
  void theDefaultsAreKnotsSocketAndTheBackendTimeout() {
    Backend backend = forTarget(MINIDNS, Map.of());
    assertThat(backend).isInstanceOf(KnotBackend.class);
    assertThat(backend).hasToString("knot target 'k1' (socket /run/knot/knot.sock)");
    assertThat(((KnotBackend) backend).timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void withoutARemoteEachMasterBecomesOneRemoteNamedByItsAddress() {
    KnotBackend backend =
        (KnotBackend) forTarget(MINIDNS, Map.of("knotc_timeout", "2.5", "socket", "/k.sock"));
    assertThat(backend.remotes()).containsExactly("zonecast-127.0.0.1-5354", "zonecast-__1-5354");
    assertThat(backend.timeout()).isEqualTo(Duration.ofMillis(2500));
  }

  @Test
  void namedRemotesNeedNoMasters() {
    KnotBackend backend =
        (KnotBackend) forTarget(List.of(), Map.of("remote", "minidns-a, minidns-b", "acl", "n"));
    assertThat(backend.remotes()).containsExactly("minidns-a", "minidns-b");
  }

  @Test
  void wrongOptionsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> forTarget(List.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "knot target 'k1': needs masters (the MiniDNS servers) or a remote defined in"
                + " knot.conf");
    assertThatThrownBy(() -> forTarget(MINIDNS, Map.of("knotc_timeout", "soon")))
        .hasMessage(
            "knot target 'k1': knotc_timeout 'soon' is not a number of seconds from 0 to 86400");
    assertThatThrownBy(() -> forTarget(MINIDNS, Map.of("remote", "a] zone[b")))
        .hasMessageContaining("remote 'a] zone[b' may hold only letters");
    assertThatThrownBy(() -> forTarget(MINIDNS, Map.of("tsig_key_name", "k k")))
        .hasMessageContaining("tsig_key_name 'k k' may hold only letters");
    assertThatThrownBy(() -> forTarget(MINIDNS, Map.of("acl", "notify")))
        .hasMessageContaining("acl is for zones pulling from the named remote");
    assertThatThrownBy(() -> forTarget(MINIDNS, Map.of("socket", " ")))
        .hasMessageContaining("socket is empty");
  }

  @Test
  void aMasterMayBeAHostNameItsRemoteIsNamedAfter() {
    KnotBackend backend =
        (KnotBackend) forTarget(List.of(new Pool.HostPort("minidns.example", 53)), Map.of());
    assertThat(backend.remotes()).containsExactly("zonecast-minidns.example-53");
  }

  @Test
  void aZoneNameThatCouldBreakTheConfigurationItemIsRefused() {
    ZoneRef zone = new ZoneRef(UUID.randomUUID(), "a]b.example.", UUID.randomUUID(), 1);
    assertThatThrownBy(() -> KnotBackend.knotName(zone))
        .isInstanceOf(BackendException.class)
        .hasMessage("zone name a]b.example. cannot be given to Knot");
  }
}
