package io.zonecast.poolmanager.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.zonecast.model.central.ZoneStatusReport;
import io.zonecast.model.central.ZoneStatusReport.Outcome;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.poolmanager.pool.Pools;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** An ERROR report carries the targets' refusals ahead of what the polls saw. */
class DecisionsTest {

  static final String REFUSAL =
      "bind9 target 'a' (rndc 127.0.0.1:953) refused the transfer of serial 7: error adding"
          + " 'big.example.org/A' in 'example.org/IN' (zone): too many records (must not exceed 3)";

  final Pool pool =
      new Pool(
          UUID.randomUUID(),
          "default",
          "",
          Map.of(),
          List.of(),
          List.of(new Pool.HostPort("127.0.0.1", 53)),
          List.of(new Pool.Target("bind9", "a", List.of(), Map.of())),
          List.of());
  final ZoneRef zone = new ZoneRef(UUID.randomUUID(), "example.org.", pool.id(), 7);
  final RequestContext context = RequestContext.system("req-1");

  Pools pools;
  Reports reports;
  TargetCalls targets;
  Decisions decisions;

  @BeforeEach
  void setUp() {
    pools = mock(Pools.class);
    reports = mock(Reports.class);
    targets = mock(TargetCalls.class);
    when(pools.find(pool.id())).thenReturn(Optional.of(pool));
    decisions = new Decisions(pools, mock(Casts.class), reports, targets);
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
}
