package io.zonecast.poolmanager.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.zonecast.model.central.ZoneStatusReport;
import io.zonecast.model.central.ZoneStatusReport.Outcome;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.poolmanager.pool.Pools;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * An ERROR report carries the targets' refusals ahead of what the polls saw; the first round of a
 * zone just added to the targets holds their NOTIFYs back.
 */
class DecisionsTest {

  static final String REFUSAL =
      "bind9 target 'a' (rndc 127.0.0.1:953) refused the transfer of serial 7: error adding"
          + " 'big.example.org/A' in 'example.org/IN' (zone): too many records (must not exceed 3)";

  final Pool pool =
      PropagationInputs.pool(
          List.of(new Pool.HostPort("127.0.0.1", 53)),
          List.of(new Pool.Target("bind9", "a", List.of(), Map.of())));
  final ZoneRef zone = new ZoneRef(UUID.randomUUID(), "example.org.", pool.id(), 7);
  final RequestContext context = RequestContext.system("req-1");

  final Decision.Round round = new Decision.Round(context, zone, List.of("127.0.0.1:53"));
  final String target = "127.0.0.1:53";

  Pools pools;
  Reports reports;
  TargetCalls targets;
  Casts casts;
  HeldNotifies held;
  Decisions decisions;

  @BeforeEach
  void setUp() {
    pools = mock(Pools.class);
    reports = mock(Reports.class);
    targets = mock(TargetCalls.class);
    casts = mock(Casts.class);
    held = new HeldNotifies();
    when(pools.find(pool.id())).thenReturn(Optional.of(pool));
    decisions = decisionsHoldingNotifiesFor(Duration.ofHours(1));
  }

  @AfterEach
  void stop() {
    held.stop();
  }

  Decisions decisionsHoldingNotifiesFor(Duration delay) {
    return new Decisions(pools, casts, reports, targets, held, PropagationInputs.settings(delay));
  }

  ZoneStatusReport sent() {
    ArgumentCaptor<ZoneStatusReport> report = ArgumentCaptor.forClass(ZoneStatusReport.class);
    verify(reports).send(report.capture());
    return report.getValue();
  }

  @Test
  void anErrorLeadsWithTheTargetsRefusal() {
    when(targets.refusals(pool, zone)).thenReturn(List.of(REFUSAL));

    decisions.carryOut(
        Decision.report(
            new ZoneStatusReport(
                context, zone, ZoneAction.UPDATE, Outcome.ERROR, "serial 7 not served")));

    assertThat(sent().message()).isEqualTo(REFUSAL + "; serial 7 not served");
  }

  @Test
  void anErrorNoTargetRefusedIsReportedAsItWas() {
    when(targets.refusals(pool, zone)).thenReturn(List.of());

    decisions.carryOut(
        Decision.report(
            new ZoneStatusReport(
                context, zone, ZoneAction.CREATE, Outcome.ERROR, "serial 7 not served")));

    assertThat(sent().message()).isEqualTo("serial 7 not served");
  }

  @Test
  void successesAndDeletesAskNoTarget() {
    decisions.carryOut(
        Decision.report(
            new ZoneStatusReport(context, zone, ZoneAction.UPDATE, Outcome.SUCCESS, null)));
    decisions.carryOut(
        Decision.report(
            new ZoneStatusReport(context, zone, ZoneAction.DELETE, Outcome.ERROR, "still served")));

    verify(targets, never()).refusals(any(), any());
  }

  @Test
  void aJustAddedZoneDecidedWithinTheDelayIsNeverNotifiedToTheTargets() {
    decisions.carryOutForAddedZone(Decision.cast(round));

    verify(casts).pollForSerialNumber(context, zone, "127.0.0.1:53", 0.05);
    verify(casts, never()).notifyZoneChanged(any(), any(), any());
    assertThat(held.holds(zone.id())).isTrue();

    decisions.carryOut(
        Decision.report(
            new ZoneStatusReport(context, zone, ZoneAction.CREATE, Outcome.SUCCESS, null)));

    assertThat(held.holds(zone.id())).isFalse();
    verify(casts, never()).notifyZoneChanged(any(), any(), any());
  }

  @Test
  void aJustAddedZoneStillUndecidedAfterTheDelayIsNotifiedToEveryTarget() {
    decisions = decisionsHoldingNotifiesFor(Duration.ofMillis(1));

    decisions.carryOutForAddedZone(Decision.cast(round));

    verify(casts, timeout(30_000)).notifyZoneChanged(context, zone, target);
    assertThat(held.holds(zone.id())).isFalse();
  }

  @Test
  void aLaterRoundNotifiesTheTargetsAtOnceAndDropsTheHeldNotifies() {
    decisions.carryOutForAddedZone(Decision.cast(round));

    decisions.carryOut(Decision.cast(round));

    verify(casts).notifyZoneChanged(context, zone, target);
    verify(casts).pollForSerialNumber(context, zone, "127.0.0.1:53");
    assertThat(held.holds(zone.id())).isFalse();
  }

  @Test
  void withoutDelayAJustAddedZoneIsNotifiedAtOnce() {
    decisions = decisionsHoldingNotifiesFor(Duration.ZERO);

    decisions.carryOutForAddedZone(Decision.cast(round));

    verify(casts).notifyZoneChanged(context, zone, target);
    assertThat(held.holds(zone.id())).isFalse();
  }
}
