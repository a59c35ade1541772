package io.zonecast.poolmanager.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.model.central.ZoneStatusReport;
import io.zonecast.model.central.ZoneStatusReport.Outcome;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.poolmanager.PollStatus;
import io.zonecast.model.poolmanager.UpdateStatus;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.poolmanager.consensus.ConsensusPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ZonePropagationTest {

  static final ConsensusPolicy ALL = new ConsensusPolicy(100);
  static final Duration WINDOW = Duration.ofSeconds(1);
  static final String NS1 = "127.0.0.1:5310";
  static final String NS2 = "127.0.0.1:5311";
  static final List<String> BOTH = List.of(NS1, NS2);
  static final Instant T0 = Instant.parse("2026-11-29T23:00:00Z");

  final ZoneRef zone = new ZoneRef(UUID.randomUUID(), "example.org.", UUID.randomUUID(), 10);
  Instant now = T0;

  RequestContext context(String id) {
    return new RequestContext(id, "project");
  }

  ZonePropagation propagation;

  Decision change(long serial) {
    return change(serial, ZoneAction.UPDATE, "req-" + serial);
  }

  Decision change(long serial, ZoneAction action, String requestId) {
    ZoneRef changed = zone.withSerial(serial);
    if (propagation == null) {
      propagation = ZonePropagation.first(changed, action, context(requestId), now);
    }
    return propagation.changed(context(requestId), changed, action, BOTH, now, WINDOW, ALL);
  }

  Decision answer(long polled, String ns, PollStatus status, Long actual) {
    return propagation.answered(
        new UpdateStatus(context("minidns"), zone.withSerial(polled), ns, status, actual),
        now,
        WINDOW,
        ALL);
  }

  static Decision.Round round(Decision decision) {
    assertThat(decision.report()).isEmpty();
    return decision.round().orElseThrow(() -> new AssertionError("no round in " + decision));
  }

  static ZoneStatusReport report(Decision decision) {
    assertThat(decision.round()).isEmpty();
    return decision.report().orElseThrow(() -> new AssertionError("no report in " + decision));
  }

  @Test
  void theFirstChangeCastsARoundAtOnceAndSuccessEverywhereIsSuccess() {
    Decision.Round round = round(change(3_000_000_000L));
    assertThat(round.zone().serial()).isEqualTo(3_000_000_000L);
    assertThat(round.pollNameservers()).containsExactly(NS1, NS2);

    assertThat(answer(3_000_000_000L, NS1, PollStatus.SUCCESS, 3_000_000_000L))
        .isEqualTo(Decision.NOTHING);
    ZoneStatusReport report =
        report(answer(3_000_000_000L, NS2, PollStatus.SUCCESS, 3_000_000_005L));
    assertThat(report.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(report.zone().serial()).isEqualTo(3_000_000_000L);
    assertThat(report.context().requestId()).isEqualTo("req-3000000000");
    assertThat(propagation.state()).isEqualTo(ZonePropagation.State.SUCCESS);
  }

  @Test
  void duplicateSuccessesFromOneNameserverCountOnceAndAVerdictIsReportedOnce() {
    change(10);
    answer(10, NS1, PollStatus.SUCCESS, 10L);
    assertThat(answer(10, NS1, PollStatus.SUCCESS, 10L)).isEqualTo(Decision.NOTHING);
    assertThat(report(answer(10, NS2, PollStatus.SUCCESS, 10L)).outcome())
        .isEqualTo(Outcome.SUCCESS);
    assertThat(answer(10, NS2, PollStatus.SUCCESS, 10L)).isEqualTo(Decision.NOTHING);
  }

  @Test
  void changesWhileARoundIsInFlightOnlyRaiseTheTargetAndOneRoundCastsTheNewest() {
    round(change(10));
    for (long serial = 11; serial <= 50; serial++) {
      assertThat(change(serial)).isEqualTo(Decision.NOTHING);
    }
    assertThat(answer(10, NS1, PollStatus.SUCCESS, 10L)).isEqualTo(Decision.NOTHING);
    now = T0.plus(WINDOW);
    Decision.Round next = round(answer(10, NS2, PollStatus.SUCCESS, 12L));
    assertThat(next.zone().serial()).isEqualTo(50);
    assertThat(next.context().requestId()).isEqualTo("req-50");
    assertThat(next.pollNameservers()).containsExactly(NS1, NS2);
  }

  @Test
  void aPollThatSeesANewerSerialSatisfiesTheOlderChanges() {
    change(10);
    change(20);
    answer(10, NS1, PollStatus.SUCCESS, 20L);
    ZoneStatusReport report = report(answer(10, NS2, PollStatus.SUCCESS, 21L));
    assertThat(report.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(report.zone().serial()).isEqualTo(20);
  }

  @Test
  void answersAboutAnOldSerialNeverDecideTheNewerChange() {
    change(10);
    change(20);
    answer(10, NS1, PollStatus.SUCCESS, 10L);
    Decision afterOld = answer(10, NS2, PollStatus.ERROR, null);
    assertThat(afterOld.report()).isEmpty();
    // late duplicates of the same old answers
    assertThat(answer(10, NS1, PollStatus.SUCCESS, 10L).report()).isEmpty();
    assertThat(answer(10, NS2, PollStatus.ERROR, 9L).report()).isEmpty();
    assertThat(propagation.state()).isEqualTo(ZonePropagation.State.PROPAGATING);
  }

  @Test
  void aRoundIsCastOnlyForNameserversNotServingTheTargetAndNotBeforeTheWindow() {
    change(10);
    change(20);
    answer(10, NS1, PollStatus.SUCCESS, 20L);
    assertThat(answer(10, NS2, PollStatus.SUCCESS, 10L)).isEqualTo(Decision.NOTHING);

    now = T0.plus(WINDOW).minusMillis(1);
    assertThat(propagation.roundIfDue(now, WINDOW, ALL)).isEqualTo(Decision.NOTHING);
    now = T0.plus(WINDOW);
    Decision.Round round = round(propagation.roundIfDue(now, WINDOW, ALL));
    assertThat(round.zone().serial()).isEqualTo(20);
    assertThat(round.pollNameservers()).containsExactly(NS2);
    assertThat(propagation.roundIfDue(now.plus(WINDOW), WINDOW, ALL)).isEqualTo(Decision.NOTHING);
  }

  @Test
  void aChangeToAZoneAtRestGoesOutAtOnceEvenWithinTheWindow() {
    change(10);
    answer(10, NS1, PollStatus.SUCCESS, 10L);
    report(answer(10, NS2, PollStatus.SUCCESS, 10L));

    now = T0.plusMillis(100);
    Decision.Round next = round(change(11));
    assertThat(next.zone().serial()).isEqualTo(11);
  }

  @Test
  void aChangeCentralAlreadyHadWhenTheLastVerdictCameWaitsForTheWindow() {
    change(10);
    answer(10, NS1, PollStatus.SUCCESS, 10L);
    report(answer(10, NS2, PollStatus.SUCCESS, 10L));
    propagation.supersededAtCentral();
    assertThat(propagation.state()).isEqualTo(ZonePropagation.State.SUPERSEDED);

    now = T0.plusMillis(100);
    assertThat(change(11)).isEqualTo(Decision.NOTHING);
    now = T0.plus(WINDOW);
    assertThat(round(propagation.roundIfDue(now, WINDOW, ALL)).zone().serial()).isEqualTo(11);
  }

  @Test
  void anErrorAtTheTargetWithEveryNameserverRequiredIsError() {
    change(20);
    answer(20, NS2, PollStatus.SUCCESS, 20L);
    ZoneStatusReport report = report(answer(20, NS1, PollStatus.ERROR, 19L));
    assertThat(report.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(report.message())
        .isEqualTo("serial 20 not served by enough nameservers: " + NS1 + " serves serial 19");
  }

  @Test
  void theReasonMiniDnsGivesForAFailedPollIsInTheErrorReport() {
    change(20);
    String why =
        "MiniDNS cannot transfer serial 20: record big.example.org. TXT cannot be put on the wire:"
            + " 70280 out of range for 16 bit value";
    ZoneStatusReport report =
        report(
            propagation.answered(
                new UpdateStatus(
                    context("minidns"), zone.withSerial(20), NS1, PollStatus.ERROR, 19L, why),
                now,
                WINDOW,
                ALL));
    assertThat(report.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(report.message())
        .isEqualTo(
            "serial 20 not served by enough nameservers: "
                + NS1
                + " serves serial 19 ("
                + why
                + ")");
  }

  @Test
  void halfTheNameserversAreEnoughAtFiftyPercent() {
    ConsensusPolicy half = new ConsensusPolicy(50);
    propagation = ZonePropagation.first(zone, ZoneAction.CREATE, context("r"), now);
    propagation.changed(context("r"), zone, ZoneAction.CREATE, BOTH, now, WINDOW, half);
    Decision decision =
        propagation.answered(
            new UpdateStatus(context("m"), zone, NS1, PollStatus.ERROR, null), now, WINDOW, half);
    assertThat(decision.report()).isEmpty();
    decision =
        propagation.answered(
            new UpdateStatus(context("m"), zone, NS2, PollStatus.SUCCESS, 10L), now, WINDOW, half);
    assertThat(report(decision).outcome()).isEqualTo(Outcome.SUCCESS);
  }

  @Test
  void serialsCompareByRfc1982AcrossTheWrap() {
    change(4_294_967_290L);
    assertThat(change(5).report()).isEmpty();
    answer(4_294_967_290L, NS1, PollStatus.SUCCESS, 5L);
    assertThat(report(answer(4_294_967_290L, NS2, PollStatus.SUCCESS, 6L)).zone().serial())
        .isEqualTo(5);
    // 4294967295 is older than 5 after the wrap
    assertThat(change(4_294_967_295L)).isEqualTo(Decision.NOTHING);
  }

  @Test
  void anOlderChangeArrivingLateIsIgnored() {
    change(20);
    assertThat(change(15)).isEqualTo(Decision.NOTHING);
    assertThat(propagation.zone().serial()).isEqualTo(20);
  }

  @Test
  void theSameChangeAgainStartsOverWithFreshPolls() {
    change(10);
    answer(10, NS1, PollStatus.SUCCESS, 10L);
    answer(10, NS2, PollStatus.SUCCESS, 10L);
    Decision.Round again = round(change(10, ZoneAction.UPDATE, "recovery"));
    assertThat(again.pollNameservers()).containsExactly(NS1, NS2);
    assertThat(again.context().requestId()).isEqualTo("recovery");
  }

  @Test
  void resumingCastsTheRoundInFlightAgain() {
    change(10);
    answer(10, NS1, PollStatus.SUCCESS, 10L);
    Decision.Round resumed = round(propagation.resume(now, WINDOW, ALL));
    assertThat(resumed.pollNameservers()).containsExactly(NS2);
  }

  @Test
  void afterADeleteOnlyANewerChangeCounts() {
    change(10);
    propagation.deleted(zone.withSerial(10), context("delete"), now);
    assertThat(change(10)).isEqualTo(Decision.NOTHING);
    assertThat(answer(10, NS1, PollStatus.SUCCESS, 10L)).isEqualTo(Decision.NOTHING);
    assertThat(propagation.state()).isEqualTo(ZonePropagation.State.DELETED);
  }

  @Test
  void aRoundSilentPastTheDeadlineIsReportedErrorNamingTheSilentNameservers() {
    change(10);
    answer(10, NS1, PollStatus.SUCCESS, 10L);
    assertThat(propagation.giveUpIfSilentSince(T0, Duration.ofMinutes(10)))
        .isEqualTo(Decision.NOTHING);
    ZoneStatusReport report =
        report(propagation.giveUpIfSilentSince(T0.plusMillis(1), Duration.ofMinutes(10)));
    assertThat(report.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(report.message())
        .isEqualTo("serial 10: no poll result within PT10M from " + NS2 + "; served by " + NS1);
    assertThat(propagation.giveUpIfSilentSince(T0.plusSeconds(1), Duration.ofMinutes(10)))
        .isEqualTo(Decision.NOTHING);
  }

  @Test
  void aPoolWithoutNameserversSucceedsAtOnce() {
    propagation = ZonePropagation.first(zone, ZoneAction.CREATE, context("r"), now);
    Decision decision =
        propagation.changed(context("r"), zone, ZoneAction.CREATE, List.of(), now, WINDOW, ALL);
    assertThat(report(decision).outcome()).isEqualTo(Outcome.SUCCESS);
  }
}
