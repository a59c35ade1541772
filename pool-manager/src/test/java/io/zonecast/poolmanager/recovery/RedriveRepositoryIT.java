package io.zonecast.poolmanager.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.poolmanager.StatementsRun;
import io.zonecast.poolmanager.system.ExclusiveRuns;
import io.zonecast.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The re-drive bookkeeping and the advisory lock against a real PostgreSQL. */
class RedriveRepositoryIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("redrive_it");
  static final HikariDataSource dataSource = dataSource();
  static final JdbcTemplate jdbc = new JdbcTemplate(dataSource);

  final RedriveRepository redrives = new RedriveRepository(jdbc);

  static HikariDataSource dataSource() {
    infra.migrate(DB);
    HikariDataSource source = new HikariDataSource();
    source.setJdbcUrl(DB);
    source.setUsername(infra.pgUser());
    source.setPassword(infra.pgPassword());
    return source;
  }

  @AfterAll
  static void drop() {
    dataSource.close();
    infra.dropDatabase(DB);
  }

  @BeforeEach
  void empty() {
    jdbc.update("delete from zone_redrives");
    jdbc.update("delete from zone_propagations");
    jdbc.update("delete from zones");
  }

  @Test
  void theZonesInErrorAreFoundByAnIndexNotByReadingEveryZone() {
    jdbc.update(
        "insert into zones (id, project_id, pool_id, name, email, ttl, serial, status, action,"
            + " created_at) select gen_random_uuid(), 'p', gen_random_uuid(),"
            + " 'z' || i || '.example.org.', 'h@example.org', 300, 1,"
            + " case when i % 1000 = 0 then 'ERROR' else 'ACTIVE' end,"
            + " case when i % 1000 = 0 then 'UPDATE' else 'NONE' end, now()"
            + " from generate_series(1, 5000) i");
    jdbc.execute("analyze zones");

    StatementsRun statements = new StatementsRun(dataSource);

    assertThat(new RedriveRepository(statements).scheduleNewErrors(Duration.ofHours(1)))
        .isEqualTo(5);

    assertThat(statements.taken().getFirst().plan(jdbc))
        .contains("zones_error_idx")
        .doesNotContain("Seq Scan on zones");
  }

  @Test
  void aZoneInErrorIsDueAfterItsBackoffAndForgottenOnceActive() {
    UUID zone = zone("ERROR", "UPDATE", 100);
    zone("ACTIVE", "NONE", 100);

    assertThat(redrives.scheduleNewErrors(Duration.ofHours(1))).isEqualTo(1);
    assertThat(redrives.due(10)).as("waits for its first backoff").isEmpty();

    jdbc.update("update zone_redrives set next_at = now() - interval '1 second'");
    assertThat(redrives.due(10))
        .singleElement()
        .satisfies(e -> {
          assertThat(e.zone().id()).isEqualTo(zone);
          assertThat(e.zone().serial()).isEqualTo(100);
          assertThat(e.action()).isEqualTo(ZoneAction.UPDATE);
          assertThat(e.attempts()).isZero();
        });

    jdbc.update(
        "insert into zone_propagations (zone_id, zone_name, pool_id, target_serial, action,"
            + " request_id, state, started_at, updated_at) values (?, 'z.', ?, 100, 'UPDATE',"
            + " 'req-1', 'PROPAGATING', now(), now())",
        zone,
        UUID.randomUUID());
    assertThat(redrives.due(10)).as("its last re-drive is still propagating").isEmpty();
    jdbc.update("update zone_propagations set state = 'ERROR'");
    assertThat(redrives.due(10)).hasSize(1);

    redrives.redriven(zone, 1, Duration.ofHours(1));
    assertThat(redrives.due(10)).isEmpty();
    assertThat(redrives.scheduleNewErrors(Duration.ZERO)).as("same serial: backoff kept").isZero();

    jdbc.update("update zones set serial = 101 where id = ?", zone);
    redrives.scheduleNewErrors(Duration.ZERO);
    assertThat(redrives.due(10))
        .as("a newer serial in ERROR starts over")
        .singleElement()
        .satisfies(e -> assertThat(e.attempts()).isZero());

    jdbc.update("update zones set status = 'ACTIVE', action = 'NONE' where id = ?", zone);
    assertThat(redrives.forgetRecovered()).isEqualTo(1);
    assertThat(redrives.due(10)).isEmpty();
  }

  @Test
  void onlyOneRunHoldsTheAdvisoryLockAtATime() throws Exception {
    ExclusiveRuns exclusive = new ExclusiveRuns(dataSource);
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread first =
        Thread.ofVirtual()
            .start(() ->
                exclusive.runAlone(
                    ExclusiveRuns.RECOVERY,
                    () -> {
                      holding.countDown();
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }));
    holding.await();
    AtomicBoolean ranMeanwhile = new AtomicBoolean();
    assertThat(exclusive.runAlone(ExclusiveRuns.RECOVERY, () -> ranMeanwhile.set(true))).isFalse();
    assertThat(ranMeanwhile).isFalse();
    assertThat(exclusive.runAlone(ExclusiveRuns.SYNC, () -> {})).as("another key").isTrue();
    release.countDown();
    first.join();
    assertThat(exclusive.runAlone(ExclusiveRuns.RECOVERY, () -> ranMeanwhile.set(true))).isTrue();
    assertThat(ranMeanwhile).isTrue();
  }

  private UUID zone(String status, String action, long serial) {
    UUID id = UUID.randomUUID();
    jdbc.update(
        "insert into zones (id, project_id, pool_id, name, email, ttl, serial, status, action,"
            + " created_at) values (?, 'p', ?, ?, 'h@example.org', 300, ?, ?, ?, now())",
        id,
        UUID.randomUUID(),
        "z" + id.toString().substring(0, 8) + ".example.org.",
        serial,
        status,
        action);
    return id;
  }
}
