package io.zonecast.poolmanager.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonecast.model.pool.Pool;
import io.zonecast.model.pool.PoolsChanges;
import io.zonecast.model.pool.PoolsReloaded;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.poolmanager.MigratedDatabase;
import io.zonecast.poolmanager.pool.Pools;
import io.zonecast.poolmanager.resolve.PoolHosts;
import io.zonecast.poolmanager.resolve.PoolHostsRefreshed;
import io.zonecast.poolmanager.system.ExclusiveRuns;
import io.zonecast.poolmanager.system.PoolManagerProperties;
import io.zonecast.poolmanager.target.Backends;
import io.zonecast.runtime.resolve.HostResolver;
import io.zonecast.runtime.resolve.ResolveProperties;
import io.zonecast.testsupport.Bind9Secondary;
import io.zonecast.testsupport.TestInfrastructure;
import io.zonecast.testsupport.ZonePrimary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Zones on a real BIND9 follow their master: the heartbeat sees MiniDNS's host name resolve to
 * another address, and a reload of the pools file gives the target another master; each time the
 * zones transfer from the new primary (a small real one). A target that cannot be reached stays
 * pending and is re-pointed after a later heartbeat; a pool manager started after its master moved
 * re-points at start-up.
 */
class MasterRepointsIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("master_repoints_it");
  static final HikariDataSource dataSource = MigratedDatabase.dataSource(DB);
  static final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
  static final UUID POOL = UUID.fromString("22222222-3333-4444-5555-666666666666");
  static final String MINIDNS = "minidns.repoint.zonecast.test";

  static Bind9Secondary bind;

  @TempDir Path dir;

  final List<AutoCloseable> primaries = new ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    bind = Bind9Secondary.start("repoint");
  }

  @AfterAll
  static void stop() {
    if (bind != null) {
      bind.close();
    }
    dataSource.close();
    infra.dropDatabase(DB);
  }

  @AfterEach
  void closePrimaries() throws Exception {
    for (AutoCloseable primary : primaries) {
      primary.close();
    }
  }

  ZonePrimary primary(ZonePrimary primary) {
    primaries.add(primary);
    return primary;
  }

  void writePools(Path file, String masterHost, int masterPort) throws IOException {
    Files.writeString(
        file,
        """
        - name: repoint
          id: %s
          ns_records: [{hostname: ns1.example.org., priority: 1}]
          targets:
            - type: bind9
              masters: [{host: %s, port: %d}]
              options:
                host: 127.0.0.1
                port: %d
                rndc_port: %d
                rndc_key_file: %s
        """
            .formatted(
                POOL, masterHost, masterPort, bind.port(), bind.rndcPort(), bind.rndcKeyFile()));
  }

  @Test
  void zonesFollowTheirMasterWhenItsNameMovesAndWhenTheFileGivesAnotherOne() throws Exception {
    ZonePrimary before = primary(ZonePrimary.start());
    ZonePrimary moved = primary(ZonePrimary.start("127.0.0.2", before.port()));
    ZonePrimary other = primary(ZonePrimary.start());
    List<ZoneRef> zones = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ZoneRef zone = zone();
      before.serve(zone.name(), 1, "192.0.2.1");
      moved.serve(zone.name(), 2, "192.0.2.2");
      other.serve(zone.name(), 3, "192.0.2.3");
      zones.add(zone);
    }
    Path hosts = dir.resolve("hosts");
    Files.writeString(hosts, "127.0.0.1 " + MINIDNS + "\n");
    HostResolver resolver = HostResolver.system(hosts, Duration.ofSeconds(5));
    PoolManagerProperties properties =
        new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("zonecast.pool-manager", PoolManagerProperties.class);
    Backends backends = new Backends(properties, resolver, Clock.systemUTC());
    Path file = dir.resolve("pools.yaml");
    writePools(file, MINIDNS, before.port());
    Pools pools = new Pools(file, backends, Clock.systemUTC());
    MasterRepoints repoints =
        new MasterRepoints(
            new SyncRepository(jdbc),
            pools,
            backends,
            new ExclusiveRuns(dataSource),
            // batches of 2 zones, so the run pages
            new SyncProperties(
                Duration.ofSeconds(60), 2, 2, Duration.ofSeconds(1), Duration.ofMinutes(15)));
    PoolHosts heartbeat =
        new PoolHosts(
            pools,
            resolver,
            new SimpleMeterRegistry(),
            event -> {
              if (event instanceof PoolHostsRefreshed refreshed) {
                repoints.hostsRefreshed(refreshed);
              }
            },
            new ResolveProperties(
                Path.of("/etc/hosts"), Duration.ofSeconds(5), Duration.ofSeconds(10)));
    Pool pool = pools.all().getFirst();
    for (ZoneRef zone : zones) {
      backends.forTarget(pool, pool.targets().getFirst()).createZone(zone);
    }
    zones.forEach(zone -> awaitSerial(zone, 1));
    heartbeat.refreshAll();

    // MiniDNS's name moves while BIND9 is down: the target stays pending
    bind.stop();
    Files.writeString(hosts, "127.0.0.2 " + MINIDNS + "\n");
    long runs = repoints.runsFinished();
    heartbeat.refreshAll();
    await("a run that fails")
        .atMost(Duration.ofSeconds(60))
        .until(() -> repoints.runsFinished() > runs);
    assertThat(repoints.pendingTargets()).isEqualTo(1);

    // back up: the next heartbeat (nothing moved in it) re-points the zones
    bind.start();
    heartbeat.refreshAll();
    zones.forEach(zone -> awaitSerial(zone, 2));
    await("nothing pending")
        .atMost(Duration.ofSeconds(60))
        .until(() -> repoints.pendingTargets() == 0);

    // the file gives the target another master, and nothing else
    List<Pool> inForce = pools.all();
    writePools(file, "127.0.0.1", other.port());
    assertThat(pools.reload(null, false).applied()).isTrue();
    repoints.poolsReloaded(
        new PoolsReloaded(PoolsChanges.between(inForce, pools.all()), pools.snapshot()));
    zones.forEach(zone -> awaitSerial(zone, 3));
    assertThat(bind.rndc("showzone", zones.getFirst().name()))
        .contains("primaries { 127.0.0.1 port " + other.port() + "; }");

    // a pool manager started after its master moved (no heartbeat saw it) checks at start-up
    Files.writeString(hosts, "127.0.0.1 " + MINIDNS + "\n");
    writePools(file, MINIDNS, before.port());
    for (ZoneRef zone : zones) {
      before.serve(zone.name(), 4, "192.0.2.4");
    }
    Pools restarted = new Pools(file, backends, Clock.systemUTC());
    new MasterRepoints(
            new SyncRepository(jdbc),
            restarted,
            backends,
            new ExclusiveRuns(dataSource),
            new SyncProperties(
                Duration.ofSeconds(60), 2, 2, Duration.ofSeconds(1), Duration.ofMinutes(15)))
        .started();
    zones.forEach(zone -> awaitSerial(zone, 4));

    // started again with nothing moved: the last complete run recorded the primaries it gave, so
    // no zone is looked at one by one (a zone pointed elsewhere by hand stays so)
    String name = zones.getFirst().name();
    String shown = bind.rndc("showzone", name);
    String clause = shown.substring(shown.indexOf('{'), shown.lastIndexOf('}') + 1) + ";";
    bind.rndc(
        "modzone",
        name,
        clause.replace("port " + before.port() + ";", "port " + other.port() + ";"));
    MasterRepoints again =
        new MasterRepoints(
            new SyncRepository(jdbc),
            new Pools(file, backends, Clock.systemUTC()),
            backends,
            new ExclusiveRuns(dataSource),
            new SyncProperties(
                Duration.ofSeconds(60), 2, 2, Duration.ofSeconds(1), Duration.ofMinutes(15)));
    again.started();
    await("the start-up run").atMost(Duration.ofSeconds(60)).until(() -> again.runsFinished() > 0);
    assertThat(again.pendingTargets()).isZero();
    assertThat(bind.rndc("showzone", name)).contains("port " + other.port() + ";");
    assertThat(jdbc.queryForObject("select count(*) from followed_masters", Integer.class))
        .isEqualTo(1);
  }

  static void awaitSerial(ZoneRef zone, long serial) {
    await(zone.name() + " at serial " + serial)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> bind.soaSerial(zone.name()).equals(OptionalLong.of(serial)));
  }

  private ZoneRef zone() {
    UUID id = UUID.randomUUID();
    String name = "r" + id.toString().substring(0, 8) + ".example.org.";
    jdbc.update(
        "insert into zones (id, project_id, pool_id, name, email, ttl, serial, status, action,"
            + " created_at) values (?, 'p', ?, ?, 'h@example.org', 300, 1, 'ACTIVE', 'NONE', now())",
        id,
        POOL,
        name);
    return new ZoneRef(id, name, POOL, 1);
  }
}
