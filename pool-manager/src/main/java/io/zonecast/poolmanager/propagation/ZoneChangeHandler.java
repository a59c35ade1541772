package io.zonecast.poolmanager.propagation;

import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.pool.Pool;
import io.zonecast.model.poolmanager.UpdateStatus;
import io.zonecast.model.poolmanager.ZoneChanged;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.poolmanager.consensus.ConsensusPolicy;
import io.zonecast.poolmanager.pool.Pools;
import io.zonecast.poolmanager.system.PoolManagerProperties;
import io.zonecast.poolmanager.target.Backend;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Carries a zone change to the pool, as Designate's pool manager did: provisions the targets
 * (CREATE: addzone, DELETE: delzone), then casts NOTIFYs to every target and also_notifies entry
 * and SOA polls to every nameserver, and turns the polls' answers (update_status) into one verdict
 * for central. The state lives in PostgreSQL ({@link PropagationTracker}), where changes of one
 * zone coalesce into rounds for the newest serial.
 */
@Service
public class ZoneChangeHandler {

  private static final Logger log = LoggerFactory.getLogger(ZoneChangeHandler.class);

  /** Designate deletes with a fixed threshold: every target must drop the zone. */
  private static final ConsensusPolicy EVERY_TARGET = new ConsensusPolicy(100);

  private final Pools pools;
  private final TargetCalls targets;
  private final PropagationTracker tracker;
  private final ZoneWork work;
  private final Decisions decisions;
  private final Reports reports;
  private final ConsensusPolicy consensus;
  private final CatalogNotifies catalogNotifies;
  private final DeleteVerification deleteVerification;

  ZoneChangeHandler(
      Pools pools,
      TargetCalls targets,
      PropagationTracker tracker,
      ZoneWork work,
      Decisions decisions,
      Reports reports,
      PoolManagerProperties properties,
      CatalogNotifies catalogNotifies,
      DeleteVerification deleteVerification) {
    this.pools = pools;
    this.targets = targets;
    this.tracker = tracker;
    this.work = work;
    this.decisions = decisions;
    this.reports = reports;
    this.consensus = new ConsensusPolicy(properties.thresholdPercentage());
    this.catalogNotifies = catalogNotifies;
    this.deleteVerification = deleteVerification;
  }

  /**
   * Queues the change behind the zone's earlier ones and returns at once; backend calls never run
   * on the listener's thread.
   */
  public CompletableFuture<Void> zoneChanged(ZoneChanged change) {
    ZoneRef zone = change.zone();
    log.debug("{} of {} at serial {} received", change.action(), zone.name(), zone.serial());
    return work.submit(zone.id(), change.context(), () -> handle(change));
  }

  /** Takes one poll result into account; reports when it decides the zone's propagation. */
  public void updateStatus(UpdateStatus status) {
    decisions.carryOut(tracker.answered(status));
  }

  private void handle(ZoneChanged change) {
    ZoneRef zone = change.zone();
    RequestContext context = change.context();
    Optional<Pool> found = pools.find(zone.poolId());
    if (found.isEmpty()) {
      reports.error(
          context,
          zone,
          change.action(),
          "pool " + zone.poolId() + " of zone " + zone.name() + " is not in the pools file");
      return;
    }
    Pool pool = found.get();
    switch (change.action()) {
      case CREATE -> create(context, zone, pool, ZoneAction.CREATE);
      case UPDATE -> {
        if (tracker.livesInAnotherPool(zone)) {
          // a pool move: the zone joins this pool's targets before its change propagates here
          log.info("{} moved to pool {}: adding it to its targets", zone.name(), pool.name());
          create(context, zone, pool, ZoneAction.UPDATE);
        } else {
          propagate(context, zone, ZoneAction.UPDATE, pool);
        }
      }
      case DELETE -> {
        if (tracker.livesInAnotherPool(zone)) {
          leave(context, zone, pool);
        } else {
          delete(context, zone, pool);
        }
      }
      case NONE -> log.warn("ignoring a change of {} with action NONE", zone.name());
    }
  }

  /**
   * @param action CREATE, or UPDATE for a zone that moved here from another pool
   */
  private void create(RequestContext context, ZoneRef zone, Pool pool, ZoneAction action) {
    if (tracker.isDeleted(zone)) {
      log.info("CREATE of {} arrived after its DELETE: not provisioned", zone.name());
      return;
    }
    List<String> errors = targets.onEveryTarget(pool, zone, "addzone", Backend::createZone);
    if (tracker.isDeleted(zone)) {
      // another pool-manager instance handled the zone's DELETE while this one added it
      log.info("{} was deleted while it was being added: removing it again", zone.name());
      targets.onEveryTarget(pool, zone, "delzone", Backend::deleteZone);
      return;
    }
    int total = pool.targets().size();
    if (!consensus.reached(total - errors.size(), total)) {
      reports.error(context, zone, action, String.join("; ", errors));
      return;
    }
    if (!errors.isEmpty()) {
      log.warn(
          "CREATE of {} failed on some targets, within the threshold: {}", zone.name(), errors);
    }
    catalogNotifies.membershipChanged(context, pool);
    List<String> nameservers = pool.nameservers().stream().map(Pool.HostPort::toString).toList();
    decisions.carryOutForAddedZone(tracker.changed(context, zone, action, nameservers));
  }

  private void delete(RequestContext context, ZoneRef zone, Pool pool) {
    tracker.deleted(context, zone);
    decisions.zoneDeleted(zone.id());
    removeFrom(context, zone, pool);
  }

  /**
   * A pool move's last step: the zone, now served by its new pool, leaves the targets of {@code
   * pool}; its propagation state (the new pool's) is left alone. Reported as a DELETE naming the
   * pool left, which central tells from the zone's own DELETE by the pool.
   */
  private void leave(RequestContext context, ZoneRef zone, Pool pool) {
    log.info("{} moved to another pool: removing it from pool {}", zone.name(), pool.name());
    removeFrom(context, zone, pool);
  }

  private void removeFrom(RequestContext context, ZoneRef zone, Pool pool) {
    catalogNotifies.membershipChanged(context, pool);
    List<String> errors = targets.onEveryTarget(pool, zone, "delzone", Backend::deleteZone);
    int total = pool.targets().size();
    if (EVERY_TARGET.reached(total - errors.size(), total)) {
      List<String> serving = deleteVerification.stillServing(pool, zone);
      if (serving.isEmpty()) {
        reports.success(context, zone, ZoneAction.DELETE);
      } else {
        reports.error(
            context,
            zone,
            ZoneAction.DELETE,
            "dropped by every target, but nameservers still answer for it: "
                + String.join("; ", serving));
      }
    } else {
      reports.error(context, zone, ZoneAction.DELETE, String.join("; ", errors));
    }
  }

  private void propagate(RequestContext context, ZoneRef zone, ZoneAction action, Pool pool) {
    List<String> nameservers = pool.nameservers().stream().map(Pool.HostPort::toString).toList();
    decisions.carryOut(tracker.changed(context, zone, action, nameservers));
  }
}
