package io.zonecast.poolmanager.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.zonecast.poolmanager.MigratedDatabase;
import io.zonecast.testsupport.TestInfrastructure;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
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

  @AfterAll
  static void drop() {
    dataSource.close();
    infra.dropDatabase(DB);
  }

  @Test
  void theSampleOfZonesChangedLastIsReadFromAnIndexWithoutSortingThePool() {
    jdbc.update(
        "insert into zones (id, project_id, pool_id, name, email, ttl, serial, status, action,"
            + " created_at, updated_at)"
            + " select gen_random_uuid(), 'p', ?, 'z' || i || '.example.org.', 'h@example.org',"
            + " 300, 1, 'ACTIVE', 'NONE', now() - i * interval '1 second',"
            + " case when i % 3 = 0 then now() - i * interval '1 millisecond' end"
            + " from generate_series(1, 5000) i",
        POOL);
    jdbc.execute("analyze zones");

    List<String> plan =
        jdbc.queryForList(
            "explain "
                + TargetHealth.SAMPLE
                    .replaceFirst("\\?", "'" + POOL + "'::uuid")
                    .replaceFirst("\\?", "20"),
            String.class);

    assertThat(String.join("\n", plan))
        .contains("zones_pool_changed_idx")
        .doesNotContain("Sort")
        .doesNotContain("Seq Scan");
    List<String> sample = jdbc.query(TargetHealth.SAMPLE, (rs, i) -> rs.getString("name"), POOL, 3);
    assertThat(sample)
        .as("the zones changed last, newest first")
        .containsExactly("z3.example.org.", "z6.example.org.", "z9.example.org.");
  }
}
