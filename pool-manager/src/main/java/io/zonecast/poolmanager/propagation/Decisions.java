package io.zonecast.poolmanager.propagation;

import io.zonecast.model.central.ZoneStatusReport;
import io.zonecast.model.central.ZoneStatusReport.Outcome;
import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.poolmanager.pool.Pools;
import io.zonecast.poolmanager.system.PoolManagerProperties;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carries out a {@link Decision} once its state is committed: a round NOTIFYs every target and
 * also_notifies entry of the zone's pool and polls the nameservers it names; a report goes to
 * central, an ERROR naming the targets that refused the zone's serial and why, when they tell. The
 * first round of a zone just added to the targets holds their NOTIFYs back and polls less often
 * ({@link PoolManagerProperties.NewZone}).
 */
@Component
class Decisions {

  private static final Logger log = LoggerFactory.getLogger(Decisions.class);

  private final Pools pools;
  private final Casts casts;
  private final Reports reports;
  private final TargetCalls targets;
  private final HeldNotifies held;
  private final PoolManagerProperties.NewZone newZone;
  private final double newZonePollInterval;

  Decisions(
      Pools pools,
      Casts casts,
      Reports reports,
      TargetCalls targets,
      HeldNotifies held,
      PoolManagerProperties properties) {
    this.pools = pools;
    this.casts = casts;
    this.reports = reports;
    this.targets = targets;
    this.held = held;
    this.newZone = properties.newZone();
    this.newZonePollInterval =
        Math.max(properties.poll().retryInterval(), newZone.pollRetryInterval());
  }

  void carryOut(Decision decision) {
    decision.round().ifPresent(round -> cast(round, false));
    report(decision);
  }

  /**
   * As {@link #carryOut} for the decision that follows adding the zone to its pool's targets, which
   * start pulling it themselves: their NOTIFYs wait for {@code new-zone.notify-delay} and go out
   * only if the zone is undecided by then; the polls ask every {@code
   * new-zone.poll-retry-interval}.
   */
  void carryOutForAddedZone(Decision decision) {
    decision.round().ifPresent(round -> cast(round, true));
    report(decision);
  }

  /** The zone is being deleted: NOTIFYs held for it are dropped. */
  void zoneDeleted(UUID zoneId) {
    held.settled(zoneId);
  }

  private void report(Decision decision) {
    decision.report().ifPresent(report -> held.settled(report.zone().id()));
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

  private void cast(Decision.Round round, boolean justAdded) {
    Optional<Pool> found = pools.find(round.zone().poolId());
    if (found.isEmpty()) {
      log.warn(
          "round of {} not cast: pool {} is not in the pools file",
          round.zone().name(),
          round.zone().poolId());
      return;
    }
    Pool pool = found.get();
    if (justAdded) {
      held.hold(round.zone().id(), newZone.notifyDelay(), () -> notifyTargets(round, pool));
    } else {
      held.settled(round.zone().id());
      notifyTargets(round, pool);
    }
    for (Pool.HostPort also : pool.alsoNotifies()) {
      casts.notifyZoneChanged(round.context(), round.zone(), also.toString());
    }
    for (String nameserver : round.pollNameservers()) {
      if (justAdded) {
        casts.pollForSerialNumber(round.context(), round.zone(), nameserver, newZonePollInterval);
      } else {
        casts.pollForSerialNumber(round.context(), round.zone(), nameserver);
      }
    }
  }

  private void notifyTargets(Decision.Round round, Pool pool) {
    for (Pool.Target target : pool.targets()) {
      casts.notifyZoneChanged(round.context(), round.zone(), Pools.dnsAddress(target).toString());
    }
  }
}
