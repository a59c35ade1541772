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
import io.zonecast.poolmanager.target.BackendException;
import io.zonecast.poolmanager.target.Backends;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Carries a zone change to the pool: provisions the targets (CREATE: addzone, DELETE: delzone),
 * then casts NOTIFYs to every target and also_notifies entry and polls to every nameserver, and
 * turns the polls' answers into one verdict for central.
 */
@Service
public class ZoneChangeHandler {

  private static final Logger log = LoggerFactory.getLogger(ZoneChangeHandler.class);

  private final Pools pools;
  private final Backends backends;
  private final PropagationTracker tracker;
  private final Casts casts;
  private final Reports reports;
  private final PoolManagerProperties properties;
  private final ConsensusPolicy consensus;
  private final ExecutorService targetCalls = Executors.newVirtualThreadPerTaskExecutor();

  ZoneChangeHandler(
      Pools pools,
      Backends backends,
      PropagationTracker tracker,
      Casts casts,
      Reports reports,
      PoolManagerProperties properties) {
    this.pools = pools;
    this.backends = backends;
    this.tracker = tracker;
    this.casts = casts;
    this.reports = reports;
    this.properties = properties;
    this.consensus = new ConsensusPolicy(properties.thresholdPercentage());
  }

  public void zoneChanged(ZoneChanged change) {
    ZoneRef zone = change.zone();
    RequestContext context = change.context();
    log.debug("{} of {} at serial {} received", change.action(), zone.name(), zone.serial());
    Optional<Pool> found = pools.find(zone.poolId());
    if (found.isEmpty()) {
      reports.error(
          context, zone, change.action(), "pool " + zone.poolId() + " is not in the pools file");
      return;
    }
    Pool pool = found.get();
    switch (change.action()) {
      case DELETE -> delete(context, zone, pool);
      case CREATE -> create(context, zone, pool);
      case UPDATE -> propagate(context, zone, ZoneAction.UPDATE, pool);
      case NONE -> log.warn("ignoring a change of {} with action NONE", zone.name());
    }
  }

  public void updateStatus(UpdateStatus status) {
    Optional<Propagation> found = tracker.get(status.zone().id());
    if (found.isEmpty()) {
      log.debug(
          "update_status for {} which is not being propagated: ignored", status.zone().name());
      return;
    }
    Propagation propagation = found.get();
    switch (propagation.record(status, consensus)) {
      case SUCCESS -> {
        if (tracker.end(propagation)) {
          reports.success(propagation.context(), propagation.zone(), propagation.action());
        }
      }
      case ERROR -> {
        if (tracker.end(propagation)) {
          reports.error(
              propagation.context(),
              propagation.zone(),
              propagation.action(),
              propagation.failureReport());
        }
      }
      case PENDING -> {}
    }
  }

  private void create(RequestContext context, ZoneRef zone, Pool pool) {
    List<String> errors = onEveryTarget(pool, zone, Backend::createZone);
    int ok = pool.targets().size() - errors.size();
    if (!consensus.reached(ok, pool.targets().size())) {
      reports.error(context, zone, ZoneAction.CREATE, String.join("; ", errors));
      return;
    }
    propagate(context, zone, ZoneAction.CREATE, pool);
  }

  /** Designate's rule: a delete succeeds only when every target dropped the zone. */
  private void delete(RequestContext context, ZoneRef zone, Pool pool) {
    tracker.cancel(zone.id());
    List<String> errors = onEveryTarget(pool, zone, Backend::deleteZone);
    if (errors.isEmpty()) {
      reports.success(context, zone, ZoneAction.DELETE);
    } else {
      reports.error(context, zone, ZoneAction.DELETE, String.join("; ", errors));
    }
  }

  private void propagate(RequestContext context, ZoneRef zone, ZoneAction action, Pool pool) {
    List<String> nameservers = pool.nameservers().stream().map(Pool.HostPort::toString).toList();
    Propagation propagation = new Propagation(context, zone, action, nameservers);
    if (!tracker.begin(propagation)) {
      log.info(
          "{} of {} at serial {} superseded by a newer change", action, zone.name(), zone.serial());
      return;
    }
    for (Pool.Target target : pool.targets()) {
      casts.notifyZoneChanged(
          context, zone, target.option("host", "127.0.0.1") + ":" + target.option("port", "53"));
    }
    for (Pool.HostPort also : pool.alsoNotifies()) {
      casts.notifyZoneChanged(context, zone, also.toString());
    }
    if (nameservers.isEmpty()) {
      if (tracker.end(propagation)) {
        reports.success(context, zone, action);
      }
      return;
    }
    for (String nameserver : nameservers) {
      casts.pollForSerialNumber(context, zone, nameserver);
    }
  }

  private interface TargetCall {
    void apply(Backend backend, ZoneRef zone) throws BackendException;
  }

  /** Runs the call on every target at once, each retried; returns the targets' errors. */
  private List<String> onEveryTarget(Pool pool, ZoneRef zone, TargetCall call) {
    List<Future<String>> results = new ArrayList<>();
    for (Pool.Target target : pool.targets()) {
      results.add(targetCalls.submit(() -> withRetries(target, zone, call)));
    }
    List<String> errors = new ArrayList<>();
    for (Future<String> result : results) {
      try {
        String error = result.get();
        if (error != null) {
          errors.add(error);
        }
      } catch (ExecutionException e) {
        errors.add(e.getCause().toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        errors.add("interrupted");
      }
    }
    return errors;
  }

  private String withRetries(Pool.Target target, ZoneRef zone, TargetCall call)
      throws InterruptedException {
    Backend backend;
    try {
      backend = backends.forTarget(target);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    String last = null;
    int attempts = Math.max(1, properties.backend().attempts());
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        call.apply(backend, zone);
        return null;
      } catch (BackendException e) {
        last = describe(target) + ": " + e.getMessage();
        log.warn("attempt {}/{} on {}", attempt, attempts, last);
        if (attempt < attempts) {
          Thread.sleep(properties.backend().retryInterval().toMillis());
        }
      }
    }
    return last;
  }

  private static String describe(Pool.Target target) {
    return target.type()
        + " target "
        + target.option("rndc_host", target.option("host", "?"))
        + ":"
        + target.option("rndc_port", "953");
  }
}
