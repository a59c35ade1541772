package io.zonecast.poolmanager.sync;

import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.pool.Pool;
import io.zonecast.model.resolve.HostResolver;
import io.zonecast.model.serial.SerialNumber;
import io.zonecast.poolmanager.dns.SoaProbe;
import io.zonecast.poolmanager.pool.Pools;
import io.zonecast.poolmanager.propagation.Casts;
import io.zonecast.poolmanager.system.ExclusiveRuns;
import io.zonecast.poolmanager.target.BackendException;
import io.zonecast.poolmanager.target.Backends;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Brings targets back in line with the zones table, a batch of zones per run: one SOA query per
 * zone and target (cheap, parallel). A zone the target does not have (REFUSED: e.g. a BIND9
 * restarted with an empty configuration) is added again with the backend and NOTIFYd; a zone it has
 * but cannot serve, or serves at an older serial while the zone is at rest, is NOTIFYd. A target
 * that does not answer is skipped for the rest of the run. One instance at a time.
 */
@Component
class TargetSync {

  private static final Logger log = LoggerFactory.getLogger(TargetSync.class);

  /** What one run did. */
  record Outcome(int zonesChecked, int added, int notified, Map<String, String> unreachable) {}

  private final SyncRepository zones;
  private final Pools pools;
  private final Backends backends;
  private final Casts casts;
  private final ExclusiveRuns exclusive;
  private final SyncProperties settings;
  private final HostResolver resolver;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private UUID cursor;

  TargetSync(
      SyncRepository zones,
      Pools pools,
      Backends backends,
      Casts casts,
      ExclusiveRuns exclusive,
      SyncProperties settings,
      HostResolver resolver) {
    this.zones = zones;
    this.pools = pools;
    this.backends = backends;
    this.casts = casts;
    this.exclusive = exclusive;
    this.settings = settings;
    this.resolver = resolver;
  }

  @Scheduled(
      fixedDelayString = "${zonecast.pool-manager.sync.interval:60s}",
      initialDelayString = "${zonecast.pool-manager.sync.interval:60s}")
  void run() {
    try {
      exclusive.runAlone(ExclusiveRuns.SYNC, this::syncNextBatch);
    } catch (RuntimeException e) {
      log.warn("syncing targets failed, trying again: {}", e.toString());
    }
  }

  /** Checks the next batch of zones on every target of their pools. */
  synchronized Outcome syncNextBatch() {
    List<SyncRepository.ZoneToServe> batch = zones.after(cursor, settings.batchSize());
    cursor = batch.size() < settings.batchSize() ? null : batch.getLast().zone().id();
    Map<String, String> unreachable = new ConcurrentHashMap<>();
    AtomicInteger added = new AtomicInteger();
    AtomicInteger notified = new AtomicInteger();
    Semaphore inFlight = new Semaphore(settings.parallelism());
    List<Future<?>> checks = new ArrayList<>();
    for (SyncRepository.ZoneToServe zone : batch) {
      Pool pool = pools.find(zone.zone().poolId()).orElse(null);
      if (pool == null) {
        continue;
      }
      for (Pool.Target target : pool.targets()) {
        checks.add(
            executor.submit(() -> {
              inFlight.acquire();
              try {
                check(zone, pool, target, unreachable, added, notified);
              } finally {
                inFlight.release();
              }
              return null;
            }));
      }
    }
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
    Outcome outcome =
        new Outcome(batch.size(), added.get(), notified.get(), Map.copyOf(unreachable));
    if (outcome.added() > 0 || outcome.notified() > 0 || !unreachable.isEmpty()) {
      log.info(
          "sync: {} zones checked, {} added again, {} notified, unreachable targets {}",
          outcome.zonesChecked(),
          outcome.added(),
          outcome.notified(),
          unreachable);
    }
    return outcome;
  }

  private void check(
      SyncRepository.ZoneToServe zone,
      Pool pool,
      Pool.Target target,
      Map<String, String> unreachable,
      AtomicInteger added,
      AtomicInteger notified) {
    Pool.HostPort address = Pools.dnsAddress(target);
    if (unreachable.containsKey(address.toString())) {
      return;
    }
    SoaProbe.Answer answer =
        SoaProbe.query(resolver, address, zone.zone().name(), settings.queryTimeout());
    switch (answer) {
      case SoaProbe.Unreachable(String error) -> unreachable.putIfAbsent(address.toString(), error);
      case SoaProbe.Missing(String rcode) -> {
        if (addAgain(zone, pool, target, rcode)) {
          added.incrementAndGet();
          notify(zone, address);
        }
      }
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

  private boolean addAgain(
      SyncRepository.ZoneToServe zone, Pool pool, Pool.Target target, String rcode) {
    // a DELETE may have started since the batch was read: never bring such a zone back
    if (!zones.stillToServe(zone.zone().id())) {
      return false;
    }
    try {
      var backend = backends.forTarget(pool, target);
      log.warn("{} is missing on {} ({}): adding it again", zone.zone().name(), backend, rcode);
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
