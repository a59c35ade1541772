package io.zonecast.poolmanager.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonecast.poolmanager.MigratedDatabase;
import io.zonecast.poolmanager.StatementsRun;
import io.zonecast.poolmanager.pool.Pools;
import io.zonecast.poolmanager.system.PoolManagerProperties;
import io.zonecast.poolmanager.target.Backends;
import io.zonecast.runtime.resolve.HostResolver;
import io.zonecast.testsupport.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The heartbeat's sample of a pool's zones changed last is read from an index, newest first: its
 * cost does not grow with the pool's zones (at 100,000 zones, sorting them all every 10 s was the
 * heartbeat's work).
 */
class HealthSampleIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("health_sample_it");
  static final HikariDataSource dataSource = MigratedDatabase.dataSource(DB);
  static final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
  static final UUID POOL = UUID.fromString("11111111-2222-3333-4444-555555555555");

  @TempDir Path dir;

  @AfterAll
  static void drop() {
    dataSource.close();
    infra.dropDatabase(DB);
  }

  Pools poolWithoutNameservers() throws IOException {
    Path file = Files.createTempFile(dir, "pools", ".yaml");
    Files.writeString(
        file,
        "- name: sampled\n  id: %s\n  ns_records: [{hostname: ns1.example.org.}]\n  nameservers: []\n"
            .formatted(POOL));
    Backends backends =
        new Backends(
            new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("zonecast.pool-manager", PoolManagerProperties.class),
            HostResolver.systemDefault(),
            Clock.systemUTC());
    return new Pools(file, backends, Clock.systemUTC());
  }

  @Test
  void theSampleOfZonesChangedLastIsReadFromAnIndexWithoutSortingThePool() throws IOException {
    jdbc.update(
        "insert into zones (id, project_id, pool_id, name, email, ttl, serial, status, action,"
            + " created_at, updated_at)"
            + " select gen_random_uuid(), 'p', ?, 'z' || i || '.example.org.', 'h@example.org',"
            + " 300, 1, 'ACTIVE', 'NONE', now() - i * interval '1 second',"
            + " case when i % 3 = 0 then now() - i * interval '1 millisecond' end"
            + " from generate_series(1, 5000) i",
        POOL);
    jdbc.execute("analyze zones");

    StatementsRun statements = new StatementsRun(dataSource);
    new TargetHealth(
            poolWithoutNameservers(),
            statements,
            new HealthProperties(Duration.ofSeconds(10), 3, Duration.ofSeconds(1)),
            HostResolver.systemDefault(),
            null, // no nameserver is checked, so no host is resolved
            new SimpleMeterRegistry(),
            Clock.systemUTC())
        .checkAll();

    StatementsRun.Statement sample = statements.taken().getFirst();
    assertThat(sample.plan(jdbc))
        .contains("zones_pool_changed_idx")
        .doesNotContain("Sort")
        .doesNotContain("Seq Scan");
    assertThat(jdbc.query(sample.sql(), (rs, i) -> rs.getString("name"), sample.args().toArray()))
        .as("the zones changed last, newest first")
        .containsExactly("z3.example.org.", "z6.example.org.", "z9.example.org.");
  }
}
