package io.zonecast.poolmanager.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.zonecast.model.central.ZoneStatusReport;
import io.zonecast.model.central.ZoneStatusReport.Outcome;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.poolmanager.PollStatus;
import io.zonecast.model.poolmanager.UpdateStatus;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.poolmanager.MigratedDatabase;
import io.zonecast.poolmanager.consensus.ConsensusPolicy;
import io.zonecast.testsupport.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tracker against a real PostgreSQL. Each {@link Instance} has its own connection pool, as a
 * separate pool-manager process would: what one saves the other sees, and the row lock makes two of
 * them handling one zone agree.
 */
class PropagationTrackerIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = MigratedDatabase.migrated(infra.freshDatabase("tracker_it"));
  static final ConsensusPolicy ALL = new ConsensusPolicy(100);
  static final List<String> NAMESERVERS = List.of("127.0.0.1:5310", "127.0.0.1:5311");
  static final List<HikariDataSource> pools = new CopyOnWriteArrayList<>();

  @AfterAll
  static void dropDatabase() {
    pools.forEach(HikariDataSource::close);
    infra.dropDatabase(DB);
  }

  /** One pool-manager's view of the database. */
  record Instance(PropagationTracker tracker, JdbcTemplate jdbc) {

    static Instance start(Duration window) {
      return start(window, Clock.systemUTC());
    }

    static Instance start(Duration window, Clock clock) {
      HikariDataSource dataSource = new HikariDataSource();
      dataSource.setJdbcUrl(DB);
      dataSource.setUsername(infra.pgUser());
      dataSource.setPassword(infra.pgPassword());
      dataSource.setMaximumPoolSize(8);
      pools.add(dataSource);
      JdbcTemplate jdbc = new JdbcTemplate(dataSource);
      TransactionTemplate transactions =
          new TransactionTemplate(new DataSourceTransactionManager(dataSource));
      return new Instance(
          new PropagationTracker(new PropagationRepository(jdbc), transactions, ALL, window, clock),
          jdbc);
    }
  }

  static ZoneRef newZone(long serial) {
    UUID id = UUID.randomUUID();
    return new ZoneRef(
        id, "t" + id.toString().substring(0, 8) + ".example.org.", UUID.randomUUID(), serial);
  }

  static RequestContext context(String id) {
    return new RequestContext(id, "project-it");
  }

  static UpdateStatus answer(ZoneRef polled, int nameserver, PollStatus status, Long actual) {
    return new UpdateStatus(
        context("minidns"), polled, NAMESERVERS.get(nameserver), status, actual);
  }

  static Decision change(Instance instance, ZoneRef zone) {
    return instance
        .tracker()
        .changed(context("req-" + zone.serial()), zone, ZoneAction.UPDATE, NAMESERVERS);
  }

  @Test
  void stateSurvivesTheInstanceAndDuplicateOrLateAnswersChangeNothing() {
    ZoneRef zone = newZone(100);
    Instance first = Instance.start(Duration.ZERO);
    assertThat(change(first, zone).round()).isPresent();
    first.tracker().answered(answer(zone, 0, PollStatus.SUCCESS, 100L));

    Instance second = Instance.start(Duration.ZERO);
    // the same answer again, now handled by the other instance, counts once
    assertThat(second.tracker().answered(answer(zone, 0, PollStatus.SUCCESS, 100L)))
        .isEqualTo(Decision.NOTHING);
    // a newer change: the old poll's success at its own serial decides nothing
    ZoneRef newer = zone.withSerial(101);
    assertThat(change(second, newer)).isEqualTo(Decision.NOTHING);
    Decision round = first.tracker().answered(answer(zone, 1, PollStatus.SUCCESS, 100L));
    assertThat(round.report()).isEmpty();
    assertThat(round.round().orElseThrow().zone()).isEqualTo(newer);
    // late duplicates of the old polls, an ERROR among them, still decide nothing
    assertThat(second.tracker().answered(answer(zone, 1, PollStatus.ERROR, 99L)))
        .isEqualTo(Decision.NOTHING);
    assertThat(first.tracker().answered(answer(zone, 0, PollStatus.SUCCESS, 100L)))
        .isEqualTo(Decision.NOTHING);

    second.tracker().answered(answer(newer, 0, PollStatus.SUCCESS, 101L));
    ZoneStatusReport report =
        first.tracker().answered(answer(newer, 1, PollStatus.SUCCESS, 101L)).report().orElseThrow();
    assertThat(report.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(report.zone()).isEqualTo(newer);
    assertThat(report.context().requestId()).isEqualTo("req-101");
    assertThat(second.tracker().answered(answer(newer, 1, PollStatus.SUCCESS, 101L)))
        .isEqualTo(Decision.NOTHING);

    List<String> rows =
        first
            .jdbc()
            .query(
                "select nameserver || ' ' || last_serial || ' ' || last_outcome from"
                    + " nameserver_propagations where zone_id = ? order by nameserver",
                (rs, i) -> rs.getString(1),
                zone.id());
    assertThat(rows)
        .containsExactly(NAMESERVERS.get(0) + " 101 SUCCESS", NAMESERVERS.get(1) + " 101 SUCCESS");
  }

  @Test
  void aVerdictIsReportedOnlyWhileCentralIsAtItsSerial() {
    Instance instance = Instance.start(Duration.ZERO);
    ZoneRef current = newZone(50);
    ZoneRef movedOn = newZone(50);
    for (ZoneRef zone : List.of(current, movedOn)) {
      instance
          .jdbc()
          .update(
              "insert into zones (id, project_id, pool_id, name, email, ttl, serial, status,"
                  + " action, created_at) values (?, 'p', ?, ?, 'h@example.org', 300, ?,"
                  + " 'PENDING', 'UPDATE', now())",
              zone.id(),
              zone.poolId(),
              zone.name(),
              zone == current ? 50 : 51);
      change(instance, zone);
      instance.tracker().answered(answer(zone, 0, PollStatus.SUCCESS, 50L));
    }

    Decision decided = instance.tracker().answered(answer(current, 1, PollStatus.SUCCESS, 50L));
    Decision notReported = instance.tracker().answered(answer(movedOn, 1, PollStatus.SUCCESS, 50L));

    assertThat(decided.report().orElseThrow().outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(notReported).isEqualTo(Decision.NOTHING);
    assertThat(instance.tracker().find(current.id()).orElseThrow().state())
        .isEqualTo(ZonePropagation.State.SUCCESS);
    assertThat(instance.tracker().find(movedOn.id()).orElseThrow().state())
        .isEqualTo(ZonePropagation.State.SUPERSEDED);
  }

  @Test
  void aDeletedZoneIgnoresLateChangesAndAnswersUntilItIsForgotten() throws Exception {
    Instance instance = Instance.start(Duration.ZERO);
    ZoneRef zone = newZone(30);
    change(instance, zone);
    instance.tracker().deleted(context("delete"), zone);

    assertThat(change(instance, zone)).isEqualTo(Decision.NOTHING);
    assertThat(instance.tracker().answered(answer(zone, 0, PollStatus.SUCCESS, 30L)))
        .isEqualTo(Decision.NOTHING);
    assertThat(instance.tracker().find(zone.id()).orElseThrow().state())
        .isEqualTo(ZonePropagation.State.DELETED);

    assertThat(instance.tracker().forgetDeletedFor(Duration.ofMinutes(1))).isZero();
    Instance anHourLater =
        Instance.start(Duration.ZERO, Clock.offset(Clock.systemUTC(), Duration.ofHours(1)));
    assertThat(anHourLater.tracker().forgetDeletedFor(Duration.ofMinutes(1))).isPositive();
    assertThat(instance.tracker().find(zone.id())).isEmpty();
  }

  @Test
  void aZoneChangedInANewPoolLivesInAnotherPoolThanItsOldOneUntilItIsDeleted() {
    Instance instance = Instance.start(Duration.ZERO);
    ZoneRef old = newZone(40);
    change(instance, old);
    assertThat(instance.tracker().livesInAnotherPool(old)).isFalse();

    ZoneRef moved = new ZoneRef(old.id(), old.name(), UUID.randomUUID(), 41);
    instance
        .tracker()
        .changed(context("req-move"), moved, ZoneAction.CREATE, List.of("127.0.0.2:5310"));
    assertThat(instance.tracker().livesInAnotherPool(old)).isTrue();
    assertThat(instance.tracker().livesInAnotherPool(moved)).isFalse();
    assertThat(
            instance
                .jdbc()
                .queryForObject(
                    "select pool_id from zone_propagations where zone_id = ?",
                    UUID.class,
                    old.id()))
        .isEqualTo(moved.poolId());

    instance.tracker().deleted(context("delete"), moved);
    assertThat(instance.tracker().livesInAnotherPool(old)).isFalse();
    assertThat(instance.tracker().livesInAnotherPool(newZone(1))).isFalse();
  }

  @Test
  void aRestartedInstanceCastsTheUnfinishedRoundsAgain() {
    Instance crashed = Instance.start(Duration.ZERO);
    ZoneRef unfinished = newZone(7);
    ZoneRef finished = newZone(8);
    change(crashed, unfinished);
    change(crashed, finished);
    crashed.tracker().answered(answer(unfinished, 0, PollStatus.SUCCESS, 7L));
    crashed.tracker().answered(answer(finished, 0, PollStatus.SUCCESS, 8L));
    crashed.tracker().answered(answer(finished, 1, PollStatus.SUCCESS, 8L));

    List<Decision> resumed = Instance.start(Duration.ZERO).tracker().resumeUnfinished();

    assertThat(resumed)
        .filteredOn(d -> d.round().orElseThrow().zone().id().equals(unfinished.id()))
        .singleElement()
        .satisfies(d -> {
          assertThat(d.round().orElseThrow().zone()).isEqualTo(unfinished);
          assertThat(d.round().orElseThrow().pollNameservers()).containsExactly(NAMESERVERS.get(1));
        });
    assertThat(resumed).noneMatch(d -> d.round().orElseThrow().zone().id().equals(finished.id()));
  }

  @Test
  void aRoundWaitingForTheWindowIsCastOnceTheWindowHasPassed() throws Exception {
    Instance instance = Instance.start(Duration.ofMillis(300));
    ZoneRef zone = newZone(1);
    change(instance, zone);
    change(instance, zone.withSerial(2));
    instance.tracker().answered(answer(zone, 0, PollStatus.SUCCESS, 1L));
    assertThat(instance.tracker().answered(answer(zone, 1, PollStatus.SUCCESS, 1L)))
        .isEqualTo(Decision.NOTHING);

    assertThat(instance.tracker().dueRounds(10_000))
        .as("within the window")
        .noneMatch(d -> d.round().orElseThrow().zone().id().equals(zone.id()));

    Instance aSecondLater =
        Instance.start(
            Duration.ofMillis(300), Clock.offset(Clock.systemUTC(), Duration.ofSeconds(1)));
    List<Decision> due = aSecondLater.tracker().dueRounds(10_000);
    assertThat(due)
        .filteredOn(d -> d.round().orElseThrow().zone().id().equals(zone.id()))
        .singleElement()
        .satisfies(d -> assertThat(d.round().orElseThrow().zone().serial()).isEqualTo(2));
    assertThat(aSecondLater.tracker().dueRounds(10_000))
        .noneMatch(d -> d.round().orElseThrow().zone().id().equals(zone.id()));
  }

  @Test
  void twoInstancesHandlingTheSameZonesAtOnceReportEachVerdictOnceForTheNewestSerial()
      throws Exception {
    Instance a = Instance.start(Duration.ZERO);
    Instance b = Instance.start(Duration.ZERO);
    List<ZoneRef> zones = IntStream.range(0, 40).mapToObj(i -> newZone(1000)).toList();
    List<Decision> decisions = Collections.synchronizedList(new ArrayList<>());
    try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
      List<Future<?>> work = new ArrayList<>();
      for (ZoneRef zone : zones) {
        for (Instance instance : List.of(a, b)) {
          // both instances get every change (serials 1000..1009, in different orders) ...
          work.add(
              threads.submit(() -> {
                for (int s = 0; s < 10; s++) {
                  long serial = instance == a ? 1000 + s : 1009 - s;
                  decisions.add(change(instance, zone.withSerial(serial)));
                }
              }));
        }
      }
      for (Future<?> f : work) {
        f.get();
      }
      work.clear();
      for (ZoneRef zone : zones) {
        for (Instance instance : List.of(a, b)) {
          // ... and every answer, each nameserver seeing the newest serial
          work.add(
              threads.submit(() -> {
                for (int ns = 0; ns < 2; ns++) {
                  decisions.add(
                      instance
                          .tracker()
                          .answered(answer(zone.withSerial(1000), ns, PollStatus.SUCCESS, 1009L)));
                }
              }));
        }
      }
      for (Future<?> f : work) {
        f.get();
      }
    }

    List<ZoneStatusReport> reports = decisions.stream().flatMap(d -> d.report().stream()).toList();
    assertThat(reports).hasSize(zones.size());
    assertThat(reports).allMatch(r -> r.outcome() == Outcome.SUCCESS);
    assertThat(reports).allMatch(r -> r.zone().serial() == 1009);
    assertThat(reports.stream().map(r -> r.zone().id()).distinct()).hasSize(zones.size());
  }
}
