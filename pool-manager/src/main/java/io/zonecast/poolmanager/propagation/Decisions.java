package io.zonecast.poolmanager.propagation;

import io.zonecast.model.central.ZoneStatusReport;
import io.zonecast.model.central.ZoneStatusReport.Outcome;
import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.poolmanager.pool.Pools;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carries out a {@link Decision} once its state is committed: a round NOTIFYs every target and
 * also_notifies entry of the zone's pool and polls the nameservers it names; a report goes to
 * central, an ERROR naming the targets that refused the zone's serial and why, when they tell.
 */
@Component
class Decisions {

  private static final Logger log = LoggerFactory.getLogger(Decisions.class);

  private final Pools pools;
  private final Casts casts;
  private final Reports reports;
  private final TargetCalls targets;

  Decisions(Pools pools, Casts casts, Reports reports, TargetCalls targets) {
    this.pools = pools;
    this.casts = casts;
    this.reports = reports;
    this.targets = targets;
  }

  void carryOut(Decision decision) {
    decision.round().ifPresent(this::cast);
    decision.report().map(this::withRefusals).ifPresent(reports::send);
  }

  /**
   * A change that did not reach the nameservers may have reached a target that refused it (a
   * recordset over its limit): its own words lead the report, ahead of what the polls saw.
   */
  private ZoneStatusReport withRefusals(ZoneStatusReport report) {
    if (report.outcome() != Outcome.ERROR || report.action() == ZoneAction.DELETE) {
      return report;
    }
    Optional<Pool> pool = pools.find(report.zone().poolId());
    if (pool.isEmpty()) {
      return report;
    }
    List<String> refusals = targets.refusals(pool.get(), report.zone());
    if (refusals.isEmpty()) {
      return report;
    }
    return new ZoneStatusReport(
        report.context(),
        report.zone(),
        report.action(),
        report.outcome(),
        String.join("; ", refusals) + "; " + report.message());
  }

  private void cast(Decision.Round round) {
    Optional<Pool> found = pools.find(round.zone().poolId());
    if (found.isEmpty()) {
      log.warn(
          "round of {} not cast: pool {} is not in the pools file",
          round.zone().name(),
          round.zone().poolId());
      return;
    }
    Pool pool = found.get();
    for (Pool.Target target : pool.targets()) {
      casts.notifyZoneChanged(round.context(), round.zone(), Pools.dnsAddress(target).toString());
    }
    for (Pool.HostPort also : pool.alsoNotifies()) {
      casts.notifyZoneChanged(round.context(), round.zone(), also.toString());
    }
    for (String nameserver : round.pollNameservers()) {
      casts.pollForSerialNumber(round.context(), round.zone(), nameserver);
    }
  }
}
