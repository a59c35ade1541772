package io.zonecast.poolmanager.sync;

import io.zonecast.model.pool.Pool;
import io.zonecast.model.pool.PoolsChanges;
import io.zonecast.model.pool.PoolsReloaded;
import io.zonecast.poolmanager.pool.Pools;
import io.zonecast.poolmanager.resolve.PoolHostsRefreshed;
import io.zonecast.poolmanager.system.ExclusiveRuns;
import io.zonecast.poolmanager.target.Backend;
import io.zonecast.poolmanager.target.BackendException;
import io.zonecast.poolmanager.target.Backends;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the zones on the targets pulling from where their masters are: when the heartbeat sees a
 * master's host name resolve to other addresses, when a reload of the pools file gives a target
 * other masters and nothing else, and once at start-up, the target is re-pointed through its
 * backend ({@link Backend#followMasters}: bind9 a {@code modzone} per zone of the pool, knot its
 * remotes once).
 *
 * <p>A target to re-point stays pending until one run did it for every zone; a failure is logged
 * and the target tried again after the next heartbeat. What a complete run gave every zone is
 * recorded ({@code followed_masters}): at start-up, a target whose zones would get the same again
 * is not walked zone by zone (at 100,000 zones that walk is 100,000 {@code showzone} calls). Runs
 * are one instance at a time ({@link ExclusiveRuns#MASTERS}); an instance that finds another one
 * running tries again later, which costs little as a zone already pointed right is left as it is.
 */
@Component
class MasterRepoints {

  private static final Logger log = LoggerFactory.getLogger(MasterRepoints.class);

  /** A target of a pool, as the pools file in force has it. */
  private record TargetOf(UUID poolId, Pool.Target target) {}

  /**
   * The masters the zones were given, which request to re-point this is (latest wins), and whether
   * only start-up asked (then a target whose recorded masters are still right is left alone).
   */
  private record Pending(List<Pool.HostPort> mastersBefore, long request, boolean startUp) {}

  private final SyncRepository zones;
  private final Pools pools;
  private final Backends backends;
  private final ExclusiveRuns exclusive;
  private final SyncProperties settings;
  private final Map<TargetOf, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicLong runsFinished = new AtomicLong();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  MasterRepoints(
      SyncRepository zones,
      Pools pools,
      Backends backends,
      ExclusiveRuns exclusive,
      SyncProperties settings) {
    this.zones = zones;
    this.pools = pools;
    this.backends = backends;
    this.exclusive = exclusive;
    this.settings = settings;
  }

  /**
   * At start-up every target is checked once: a master may have moved while no pool manager ran
   * (MiniDNS and the pool manager redeployed together), which no heartbeat could see. Zones already
   * pointed right cost one look each (bind9 {@code showzone}, knot one {@code conf-read} per
   * remote).
   */
  @EventListener(ApplicationReadyEvent.class)
  void started() {
    for (Pool pool : pools.all()) {
      for (Pool.Target target : pool.targets()) {
        request(new TargetOf(pool.id(), target), target.masters(), true);
      }
    }
    runPending();
  }

  /** Targets whose masters use a host that moved become pending; pending ones are run. */
  @EventListener
  void hostsRefreshed(PoolHostsRefreshed refreshed) {
    for (Pool pool : pools.all()) {
      for (Pool.Target target : pool.targets()) {
        boolean moved =
            target.masters().stream().anyMatch(m -> refreshed.moved().contains(m.host()));
        if (moved) {
          request(new TargetOf(pool.id(), target), target.masters(), false);
        }
      }
    }
    runPending();
  }

  /**
   * A target a reload gave other masters and nothing else keeps its zones: they are re-pointed at
   * the new masters. (It also counts as removed and added, so the sync checks it as a new target
   * too, which adds the zones it lacks.)
   */
  @EventListener
  void poolsReloaded(PoolsReloaded reloaded) {
    for (PoolsChanges.PoolChange change : reloaded.changes().changed()) {
      for (Pool.Target added : change.addedTargets()) {
        for (Pool.Target removed : change.removedTargets()) {
          if (onlyMastersDiffer(removed, added)) {
            request(new TargetOf(change.after().id(), added), removed.masters(), false);
          }
        }
      }
    }
    runPending();
  }

  static boolean onlyMastersDiffer(Pool.Target before, Pool.Target after) {
    return before.type().equals(after.type())
        && before.options().equals(after.options())
        && !before.masters().equals(after.masters());
  }

  /** Marks the target pending; masters the zones had before an earlier request still count. */
  private void request(TargetOf target, List<Pool.HostPort> mastersBefore, boolean startUp) {
    long request = requests.incrementAndGet();
    pending.merge(
        target,
        new Pending(mastersBefore, request, startUp),
        (earlier, later) ->
            new Pending(earlier.mastersBefore(), request, earlier.startUp() && startUp));
  }

  /** Starts a run in the background unless one is running or nothing is pending. */
  private void runPending() {
    if (pending.isEmpty() || !running.compareAndSet(false, true)) {
      return;
    }
    executor.submit(() -> {
      try {
        exclusive.runAlone(ExclusiveRuns.MASTERS, this::repointPending);
      } catch (RuntimeException e) {
        log.warn("re-pointing targets at their masters failed, trying again: {}", e.toString());
      } finally {
        runsFinished.incrementAndGet();
        running.set(false);
      }
    });
  }

  /** Re-points every pending target; one done for all its zones is no longer pending. */
  synchronized void repointPending() {
    for (Map.Entry<TargetOf, Pending> entry : Map.copyOf(pending).entrySet()) {
      TargetOf target = entry.getKey();
      Pending request = entry.getValue();
      Optional<Pool> pool =
          pools.find(target.poolId()).filter(p -> p.targets().contains(target.target()));
      if (pool.isEmpty()
          || repoint(pool.get(), target.target(), request.mastersBefore(), request.startUp())) {
        pending.remove(target, request);
      }
    }
  }

  /**
   * True when the target and all of its pool's zones on it follow the masters now.
   *
   * @param startUp only start-up asked: a target whose zones got these primaries from the last
   *     complete run (recorded) is not walked again
   */
  boolean repoint(
      Pool pool, Pool.Target target, List<Pool.HostPort> mastersBefore, boolean startUp) {
    Backend backend;
    Optional<Backend.ZoneStep> step;
    Optional<String> primaries;
    String recordedAs = recordedAs(pool, target);
    try {
      backend = backends.forTarget(pool, target);
      step = backend.followMasters(mastersBefore);
      primaries = backend.zonePrimaries();
    } catch (BackendException | IllegalArgumentException e) {
      log.warn(
          "re-pointing target {} of pool {} at its masters failed, trying again: {}",
          Pools.dnsAddress(target),
          pool.name(),
          e.getMessage());
      return false;
    }
    if (step.isEmpty()) {
      return true;
    }
    if (startUp && primaries.isPresent() && primaries.equals(zones.followedMasters(recordedAs))) {
      log.info(
          "{}: the zones of pool {} follow {} since the last complete run: not checked one by one",
          backend,
          pool.name(),
          primaries.get());
      return true;
    }
    AtomicInteger failed = new AtomicInteger();
    Semaphore inFlight = new Semaphore(settings.parallelism());
    int checked = 0;
    UUID after = null;
    while (true) {
      List<SyncRepository.ZoneToServe> page = zones.inPool(pool.id(), after, settings.batchSize());
      List<Future<?>> calls = new ArrayList<>();
      for (SyncRepository.ZoneToServe zone : page) {
        calls.add(
            executor.submit(() -> {
              inFlight.acquire();
              try {
                if (failed.get() >= settings.parallelism()) {
                  return null; // the target looks down: spare it the rest until the next try
                }
                step.get().apply(zone.zone());
              } catch (BackendException e) {
                failed.incrementAndGet();
                log.warn(
                    "re-pointing {} on {} failed: {}", zone.zone().name(), backend, e.getMessage());
              } finally {
                inFlight.release();
              }
              return null;
            }));
      }
      TargetSync.awaitAll(calls);
      checked += page.size();
      if (page.size() < settings.batchSize() || failed.get() >= settings.parallelism()) {
        break;
      }
      after = page.getLast().zone().id();
    }
    if (failed.get() > 0) {
      log.warn(
          "{}: re-pointing failed for {} zones (a run stops after {}), trying again after the"
              + " next heartbeat",
          backend,
          failed.get(),
          settings.parallelism());
      return false;
    }
    primaries.ifPresent(p -> zones.saveFollowedMasters(recordedAs, p));
    log.info(
        "{}: the {} zones of pool {} follow the masters {}",
        backend,
        checked,
        pool.name(),
        target.masters());
    return true;
  }

  /**
   * The target as {@code followed_masters} names it: its pool, type and options (a target given
   * another BIND or key counts as another target, whose zones are walked).
   */
  static String recordedAs(Pool pool, Pool.Target target) {
    return pool.id() + " " + target.type() + " " + new TreeMap<>(target.options());
  }

  /** Targets still to re-point. */
  int pendingTargets() {
    return pending.size();
  }

  /** Background runs finished so far, done or not (tests wait for one). */
  long runsFinished() {
    return runsFinished.get();
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }
}
