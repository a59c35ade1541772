package io.zonecast.poolmanager.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonecast.poolmanager.MigratedDatabase;
import io.zonecast.poolmanager.pool.Pools;
import io.zonecast.poolmanager.system.ExclusiveRuns;
import io.zonecast.poolmanager.system.PoolManagerProperties;
import io.zonecast.poolmanager.target.Backends;
import io.zonecast.runtime.resolve.HostResolver;
import io.zonecast.testsupport.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A run of the periodic target sync checks every zone once (a round), read a batch at a time; where
 * it got to is kept in PostgreSQL, so another instance (another TargetSync object on the same
 * database) finishes a round that one left unfinished.
 */
class TargetSyncIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("target_sync_it");
  static final HikariDataSource dataSource = MigratedDatabase.dataSource(DB);
  static final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
  static final UUID POOL = UUID.fromString("11111111-2222-3333-4444-555555555555");

  @TempDir Path dir;

  @AfterAll
  static void drop() {
    dataSource.close();
    infra.dropDatabase(DB);
  }

  @BeforeEach
  void empty() {
    jdbc.update("delete from sync_positions");
    jdbc.update("delete from zones");
  }

  /** An instance of the sync: its pool has no targets, so a run only reads and moves on. */
  TargetSync instance() throws IOException {
    Path file = dir.resolve("pools.yaml");
    Files.writeString(
        file,
        """
        - name: default
          id: %s
          ns_records: [{hostname: ns1.example.org., priority: 1}]
          targets: []
        """
            .formatted(POOL));
    PoolManagerProperties properties =
        new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("zonecast.pool-manager", PoolManagerProperties.class);
    Backends backends = new Backends(properties, HostResolver.systemDefault(), Clock.systemUTC());
    return new TargetSync(
        new SyncRepository(jdbc),
        new Pools(file, backends, Clock.systemUTC()),
        backends,
        null, // no target, so nothing is ever notified
        new ExclusiveRuns(dataSource),
        new SyncProperties(
            Duration.ofSeconds(60), 2, 1, Duration.ofSeconds(1), Duration.ofMinutes(15)),
        HostResolver.systemDefault(),
        new SimpleMeterRegistry(),
        Clock.systemUTC());
  }

  @Test
  void aRoundChecksEveryZoneWhateverTheBatchSize() throws IOException {
    zones(5);

    assertThat(instance().syncRound().zonesChecked())
        .as("5 zones read 2 at a time: one round checks them all")
        .isEqualTo(5);
    assertThat(position()).as("the next round starts from the first zone").isNull();
  }

  @Test
  void aRoundLeftUnfinishedIsFinishedByTheNextRunOfAnyInstance() throws IOException {
    List<UUID> zones = zones(5);
    // an instance died after checking the first two zones: the place it saved
    jdbc.update(
        "insert into sync_positions (name, after_id, updated_at) values (?, ?, now())",
        TargetSync.POSITION,
        zones.get(1));

    assertThat(instance().syncRound().zonesChecked())
        .as("the three zones after that place, then the first two again: each once")
        .isEqualTo(5);
    assertThat(position()).as("the next round starts where this one did").isEqualTo(zones.get(1));

    assertThat(instance().syncRound().zonesChecked()).isEqualTo(5);
    assertThat(position()).isEqualTo(zones.get(1));
  }

  @Test
  void aZoneWhoseCreateIsStillPendingIsLeftToItsPropagation() throws IOException {
    UUID creating = zone("PENDING", "CREATE");
    UUID updating = zone("PENDING", "UPDATE");
    try {
      long zones = jdbc.queryForObject("select count(*) from zones", Long.class);

      assertThat(instance().syncRound().zonesChecked())
          .as("every zone but the one being created")
          .isEqualTo(zones - 1);
    } finally {
      jdbc.update("delete from zones where id in (?, ?)", creating, updating);
      jdbc.update("delete from sync_positions");
    }
  }

  /** {@code count} zones at rest, in PostgreSQL's order of their ids (unsigned bytes). */
  private List<UUID> zones(int count) {
    List<UUID> zones = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      zones.add(zone());
    }
    zones.sort(Comparator.comparing(UUID::toString));
    return zones;
  }

  private UUID position() {
    return jdbc.queryForObject(
        "select after_id from sync_positions where name = ?", UUID.class, TargetSync.POSITION);
  }

  private UUID zone() {
    return zone("ACTIVE", "NONE");
  }

  private UUID zone(String status, String action) {
    UUID id = UUID.randomUUID();
    jdbc.update(
        "insert into zones (id, project_id, pool_id, name, email, ttl, serial, status, action,"
            + " created_at) values (?, 'p', ?, ?, 'h@example.org', 300, 1, ?, ?, now())",
        id,
        POOL,
        "z" + id.toString().substring(0, 8) + ".example.org.",
        status,
        action);
    return id;
  }
}
