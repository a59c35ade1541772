package io.zonecast.poolmanager.propagation;

import io.zonecast.model.pool.Pool;
import io.zonecast.poolmanager.pool.Pools;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carries out a {@link Decision} once its state is committed: a round NOTIFYs every target and
 * also_notifies entry of the zone's pool and polls the nameservers it names; a report goes to
 * central.
 */
@Component
class Decisions {

  private static final Logger log = LoggerFactory.getLogger(Decisions.class);

  private final Pools pools;
  private final Casts casts;
  private final Reports reports;

  Decisions(Pools pools, Casts casts, Reports reports) {
    this.pools = pools;
    this.casts = casts;
    this.reports = reports;
  }

  void carryOut(Decision decision) {
    decision.round().ifPresent(this::cast);
    decision.report().ifPresent(reports::send);
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
