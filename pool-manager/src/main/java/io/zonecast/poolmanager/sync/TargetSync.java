package io.zonecast.poolmanager.sync;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.pool.Pool;
import io.zonecast.model.pool.PoolsChanges;
import io.zonecast.model.pool.PoolsReloaded;
import io.zonecast.model.serial.SerialNumber;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.poolmanager.dns.SoaBatchProbe;
import io.zonecast.poolmanager.dns.SoaProbe;
import io.zonecast.poolmanager.pool.Pools;
import io.zonecast.poolmanager.propagation.Casts;
import io.zonecast.poolmanager.system.ExclusiveRuns;
import io.zonecast.poolmanager.target.BackendException;
import io.zonecast.poolmanager.target.Backends;
import io.zonecast.runtime.resolve.HostResolver;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Brings targets back in line with the zones table, all zones in each run (a round), read a batch
 * at a time: one SOA query per zone and target, a batch's questions to a target over one socket
 * ({@link SoaBatchProbe}). A zone the target does not have (REFUSED: e.g. a BIND9 restarted with an
 * empty configuration) is added again with the backend and NOTIFYd; a zone it has but cannot serve,
 * or serves at an older serial while the zone is at rest, is NOTIFYd. A target that does not answer
 * is skipped for the rest of the run. One instance at a time; where the round got to is kept in
 * PostgreSQL ({@code sync_positions}), so a round an instance did not finish is finished by the
 * next run, of whichever instance.
 *
 * <p>A target that a reload of the pools file adds gets all of its pool's zones the same way at
 * once, without waiting for the periodic runs to come round.
 */
@Component
class TargetSync implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(TargetSync.class);

  /** What one run did. */
  record Outcome(
      int zonesChecked,
      int added,
      int notified,
      int leftToTransfer,
      Map<String, String> unreachable) {}

  private final SyncRepository zones;
  private final Pools pools;
  private final Backends backends;
  private final Casts casts;
  private final ExclusiveRuns exclusive;
  private final SyncProperties settings;
  private final NewMemberGrace grace;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final SoaBatchProbe probe;
  private final Timer roundTimer;

  /** The row of {@code sync_positions} of the periodic run. */
  static final String POSITION = "target-sync";

  TargetSync(
      SyncRepository zones,
      Pools pools,
      Backends backends,
      Casts casts,
      ExclusiveRuns exclusive,
      SyncProperties settings,
      HostResolver resolver,
      MeterRegistry registry,
      Clock clock) {
    this.roundTimer =
        Timer.builder("zonecast.sync.round")
            .description("how long a sync round over all zones and targets took")
            .register(registry);
    this.zones = zones;
    this.pools = pools;
    this.backends = backends;
    this.casts = casts;
    this.exclusive = exclusive;
    this.settings = settings;
    this.probe = new SoaBatchProbe(resolver, settings.queryTimeout(), settings.parallelism());
    this.grace = new NewMemberGrace(settings.catalogGrace(), clock);
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(
        new FixedDelayTask(this::run, settings.interval(), settings.interval()));
  }

  void run() {
    try {
      exclusive.runAlone(ExclusiveRuns.SYNC, this::syncRound);
    } catch (RuntimeException e) {
      log.warn("syncing targets failed, trying again: {}", e.toString());
    }
  }

  /**
   * Checks every zone once on every target of its pool, {@code batch-size} zones read at a time:
   * from where the last run stopped to the last zone, then from the first zone back to that place.
   * The place is saved after each batch, so an instance that dies mid-round leaves the rest to the
   * next run, whichever instance runs it. Logs how long the round took (the whole round should fit
   * in {@code interval}, whatever the number of zones: {@code bench --scale} measures it).
   */
  synchronized Outcome syncRound() {
    long started = System.nanoTime();
    Round round = new Round();
    UUID from = zones.position(POSITION);
    boolean secondLap = false;
    UUID after = from;
    while (true) {
      // on the second lap the round ends at the zone it started after
      UUID upTo = secondLap ? from : null;
      List<SyncRepository.ZoneToServe> batch = zones.after(after, upTo, settings.batchSize());
      boolean lapDone = batch.size() < settings.batchSize();
      UUID next = batch.isEmpty() ? after : batch.getLast().zone().id();
      zones.savePosition(POSITION, lapDone ? (secondLap ? from : null) : next);
      check(batch, round);
      if (!lapDone) {
        after = next;
      } else if (secondLap || from == null) {
        break;
      } else {
        secondLap = true;
        after = null;
      }
    }
    Outcome outcome = round.outcome();
    long millis = (System.nanoTime() - started) / 1_000_000;
    roundTimer.record(millis, TimeUnit.MILLISECONDS);
    log.info(
        "sync round: {} zones checked ({} SOA queries) in {} ms, {} added again, {} notified,"
            + " {} new catalog members left to their first transfer, unreachable targets {}",
        outcome.zonesChecked(),
        round.queries.get(),
        millis,
        outcome.added(),
        outcome.notified(),
        outcome.leftToTransfer(),
        outcome.unreachable());
    return outcome;
  }

  /** What a round found so far; a target that did not answer is skipped for the rest of it. */
  private static final class Round {
    final Map<String, String> unreachable = new ConcurrentHashMap<>();
    final AtomicInteger added = new AtomicInteger();
    final AtomicInteger notified = new AtomicInteger();
    final AtomicInteger leftToTransfer = new AtomicInteger();
    final AtomicInteger queries = new AtomicInteger();

    /** The catalog-consuming targets told of the catalog in this round (once each). */
    final Set<String> catalogNotified = ConcurrentHashMap.newKeySet();

    int checked;

    Outcome outcome() {
      return new Outcome(
          checked, added.get(), notified.get(), leftToTransfer.get(), Map.copyOf(unreachable));
    }
  }

  /**
   * Checks one batch of zones on every target of their pools: each target asked for the batch's
   * zones of its pool at once ({@link SoaBatchProbe}, {@code parallelism} questions in flight), all
   * targets at the same time.
   */
  private void check(List<SyncRepository.ZoneToServe> batch, Round round) {
    Map<PoolTarget, List<SyncRepository.ZoneToServe>> byTarget = new LinkedHashMap<>();
    for (SyncRepository.ZoneToServe zone : batch) {
      Pool pool = pools.find(zone.zone().poolId()).orElse(null);
      if (pool == null) {
        continue;
      }
      for (Pool.Target target : pool.targets()) {
        byTarget.computeIfAbsent(new PoolTarget(pool, target), t -> new ArrayList<>()).add(zone);
      }
    }
    List<Future<?>> checks = new ArrayList<>();
    byTarget.forEach((target, zonesOfPool) ->
        checks.add(
            executor.submit(
                () -> checkOn(target.pool(), target.target(), zonesOfPool, round, false))));
    awaitAll(checks);
    round.checked += batch.size();
  }

  private record PoolTarget(Pool pool, Pool.Target target) {}

  /** Targets added by a reload of the pools file get their pool's zones now, in the background. */
  @EventListener
  void poolsReloaded(PoolsReloaded reloaded) {
    for (PoolsChanges.PoolChange change : reloaded.changes().changed()) {
      for (Pool.Target target : change.addedTargets()) {
        executor.submit(() -> {
          try {
            provision(change.after(), target);
          } catch (RuntimeException e) {
            log.warn(
                "giving the new target {} its zones failed, the periodic sync will: {}",
                Pools.dnsAddress(target),
                e.toString());
          }
        });
      }
    }
  }

  /**
   * Checks every zone of the pool on the target, adding the missing ones and notifying the lagging
   * ones; a target that consumes the catalog is first told the catalog changed.
   */
  Outcome provision(Pool pool, Pool.Target target) {
    Pool.HostPort address = Pools.dnsAddress(target);
    log.info("new target {} of pool {}: giving it the pool's zones", address, pool.name());
    Round round = new Round();
    notifyCatalogOnce(pool, target, round);
    Map<String, String> unreachable = round.unreachable;
    int checked = 0;
    UUID after = null;
    while (unreachable.isEmpty() && stillATargetOf(pool, target)) {
      List<SyncRepository.ZoneToServe> page = zones.inPool(pool.id(), after, settings.batchSize());
      checkOn(pool, target, page, round, true);
      checked += page.size();
      if (page.size() < settings.batchSize()) {
        break;
      }
      after = page.getLast().zone().id();
    }
    round.checked = checked;
    Outcome outcome = round.outcome();
    if (unreachable.isEmpty()) {
      log.info(
          "new target {}: {} zones checked, {} added, {} notified",
          address,
          checked,
          outcome.added(),
          outcome.notified());
    } else {
      log.warn(
          "new target {} does not answer ({}): the periodic sync gives it the zones later",
          address,
          unreachable.values());
    }
    return outcome;
  }

  /**
   * Tells a target that consumes the pool's catalog that the catalog changed, once per round: it
   * then transfers the catalog and adds the member zones it lacks (RFC 9432).
   */
  private void notifyCatalogOnce(Pool pool, Pool.Target target, Round round) {
    Pool.HostPort address = Pools.dnsAddress(target);
    pool.catalog()
        .filter(catalog -> Backends.consumesCatalog(target))
        .filter(catalog -> round.catalogNotified.add(address.toString()))
        .ifPresent(catalog ->
            casts.notifyZoneChanged(
                RequestContext.system("req-sync-" + UUID.randomUUID()),
                new ZoneRef(pool.id(), catalog.fqdn(), pool.id(), 0),
                address.toString()));
  }

  /** False once a later reload removed the target (or its pool) again. */
  private boolean stillATargetOf(Pool pool, Pool.Target target) {
    return pools.find(pool.id()).map(p -> p.targets().contains(target)).orElse(false);
  }

  private Future<?> submit(Semaphore inFlight, Runnable check) {
    return executor.submit(() -> {
      inFlight.acquire();
      try {
        check.run();
      } finally {
        inFlight.release();
      }
      return null;
    });
  }

  /** Waits for each of the calls; one that failed is logged. */
  static void awaitAll(List<Future<?>> checks) {
    for (Future<?> check : checks) {
      try {
        check.get();
      } catch (ExecutionException e) {
        log.warn("sync check failed: {}", e.getCause().toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
  }

  /**
   * Asks the target for the zones' SOA, then acts on each answer: those that call the backend or
   * cast a NOTIFY {@code parallelism} at a time.
   */
  private void checkOn(
      Pool pool,
      Pool.Target target,
      List<SyncRepository.ZoneToServe> zonesOfPool,
      Round round,
      boolean newTarget) {
    Pool.HostPort address = Pools.dnsAddress(target);
    if (zonesOfPool.isEmpty() || round.unreachable.containsKey(address.toString())) {
      return;
    }
    round.queries.addAndGet(zonesOfPool.size());
    Map<String, SoaProbe.Answer> answers =
        probe.query(address, zonesOfPool.stream().map(z -> z.zone().name()).toList());
    Semaphore inFlight = new Semaphore(settings.parallelism());
    List<Future<?>> actions = new ArrayList<>();
    for (SyncRepository.ZoneToServe zone : zonesOfPool) {
      SoaProbe.Answer answer = answers.get(zone.zone().name());
      if (answer instanceof SoaProbe.Serves) {
        act(zone, pool, target, answer, round, newTarget);
      } else {
        actions.add(submit(inFlight, () -> act(zone, pool, target, answer, round, newTarget)));
      }
    }
    awaitAll(actions);
  }

  private void act(
      SyncRepository.ZoneToServe zone,
      Pool pool,
      Pool.Target target,
      SoaProbe.Answer answer,
      Round round,
      boolean newTarget) {
    Map<String, String> unreachable = round.unreachable;
    AtomicInteger added = round.added;
    AtomicInteger notified = round.notified;
    Pool.HostPort address = Pools.dnsAddress(target);
    if (unreachable.containsKey(address.toString())) {
      return;
    }
    switch (answer) {
      case SoaProbe.Unreachable(String error) -> unreachable.putIfAbsent(address.toString(), error);
      case SoaProbe.Missing(String rcode) when Backends.consumesCatalog(target) -> {
        // it adds its zones from the catalog: a NOTIFY of the zone it lacks would be refused, and
        // one per zone is a storm when a new catalog of many zones is still being taken in
        notifyCatalogOnce(pool, target, round);
        added.incrementAndGet();
      }
      case SoaProbe.Missing(String rcode) -> {
        if (addAgain(zone, pool, target, rcode, newTarget)) {
          added.incrementAndGet();
          notify(zone, address);
        }
      }
      case SoaProbe.Failing(String rcode) when !grace.notifyFailing(target, zone.createdAt()) ->
          round.leftToTransfer.incrementAndGet();
      case SoaProbe.Failing(String rcode) -> {
        if (atRest(zone)) {
          log.info("{} on {}: {}, notifying", zone.zone().name(), address, rcode);
          notify(zone, address);
          notified.incrementAndGet();
        }
      }
      case SoaProbe.Serves(long serial) -> {
        boolean behind = zone.zone().serialNumber().isNewerThan(SerialNumber.of(serial));
        if (behind && atRest(zone)) {
          log.info(
              "{} on {} at serial {}, should be {}: notifying",
              zone.zone().name(),
              address,
              serial,
              zone.zone().serial());
          notify(zone, address);
          notified.incrementAndGet();
        }
      }
    }
  }

  /** A PENDING zone is being propagated right now: its own round notifies the targets. */
  private static boolean atRest(SyncRepository.ZoneToServe zone) {
    return !"PENDING".equals(zone.status());
  }

  /** {@code newTarget}: the zone is expected to be missing, so it is not worth a warning. */
  private boolean addAgain(
      SyncRepository.ZoneToServe zone,
      Pool pool,
      Pool.Target target,
      String rcode,
      boolean newTarget) {
    // a DELETE may have started since the batch was read: never bring such a zone back
    if (!zones.stillToServe(zone.zone().id())) {
      return false;
    }
    try {
      var backend = backends.forTarget(pool, target);
      if (newTarget) {
        log.debug("adding {} to the new target {}", zone.zone().name(), backend);
      } else {
        log.warn("{} is missing on {} ({}): adding it again", zone.zone().name(), backend, rcode);
      }
      backend.createZone(zone.zone());
      return true;
    } catch (BackendException | IllegalArgumentException e) {
      log.warn("adding {} again failed: {}", zone.zone().name(), e.getMessage());
      return false;
    }
  }

  private void notify(SyncRepository.ZoneToServe zone, Pool.HostPort address) {
    casts.notifyZoneChanged(
        new RequestContext("req-sync-" + UUID.randomUUID(), zone.projectId()),
        zone.zone(),
        address.toString());
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }
}
