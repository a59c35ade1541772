package io.zonecast.poolmanager.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.zonecast.model.pool.Pool;
import io.zonecast.model.pool.PoolsReloaded;
import io.zonecast.poolmanager.dns.SoaProbe;
import io.zonecast.poolmanager.pool.Pools;
import io.zonecast.poolmanager.resolve.PoolHosts;
import io.zonecast.runtime.resolve.HostResolver;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The heartbeat of every pool's nameservers: each interval, the SOA of a sample of the pool's zones
 * (the ones changed last, so those in flight) is asked of every nameserver at once. A nameserver
 * that answers anything is up (REFUSED too: it is there, only without the zone); its serial lag is
 * how far its most lagging sampled zone is behind central. When the pool has no zone, the root's
 * SOA is asked, just to see an answer. The nameserver's host is resolved at each check, so a moved
 * nameserver is followed, and its addresses are shown. Shown as gauges {@code zonecast.target.up}
 * and {@code zonecast.target.serial_lag} (tag {@code target}) and in the pool manager's service
 * status.
 */
@Component
public class TargetHealth implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(TargetHealth.class);

  private final Pools pools;
  private final JdbcTemplate jdbc;
  private final HealthProperties settings;
  private final MeterRegistry registry;
  private final HostResolver resolver;
  private final PoolHosts hosts;
  private final Clock clock;
  private final Map<String, NameserverHealth> latest = new ConcurrentHashMap<>();
  private final Map<String, List<Meter>> gauges = new ConcurrentHashMap<>();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Timer roundTimer;

  /**
   * A pool's zones changed last: read by the index {@code zones_pool_changed_idx} (V61), not by
   * sorting all of the pool's zones at each heartbeat.
   */
  private static final String SAMPLE =
      "select name, serial from published.zones where pool_id = ? and action <> 'DELETE'"
          + " order by coalesce(updated_at, created_at) desc limit ?";

  TargetHealth(
      Pools pools,
      JdbcTemplate jdbc,
      HealthProperties settings,
      HostResolver resolver,
      PoolHosts hosts,
      MeterRegistry registry,
      Clock clock) {
    this.pools = pools;
    this.clock = clock;
    this.resolver = resolver;
    this.hosts = hosts;
    this.jdbc = jdbc;
    this.settings = settings;
    this.registry = registry;
    this.roundTimer =
        Timer.builder("zonecast.health.round")
            .description("how long a heartbeat round over every pool's nameservers took")
            .register(registry);
    registerGauges(pools.all());
  }

  /**
   * A reload of the pools file: gauges for the nameservers it added, and the removed ones are
   * forgotten (their gauges and their last heartbeat).
   */
  @EventListener
  void poolsReloaded(PoolsReloaded reloaded) {
    List<Pool> inForce = reloaded.snapshot().pools();
    registerGauges(inForce);
    Set<String> wanted = new HashSet<>();
    inForce.forEach(pool -> pool.nameservers().forEach(n -> wanted.add(n.toString())));
    for (String name : List.copyOf(gauges.keySet())) {
      if (!wanted.contains(name)) {
        gauges.remove(name).forEach(registry::remove);
        latest.remove(name);
        log.info("nameserver {} left the pools file: no more heartbeats", name);
      }
    }
  }

  private synchronized void registerGauges(List<Pool> inForce) {
    for (Pool pool : inForce) {
      for (Pool.HostPort nameserver : pool.nameservers()) {
        String name = nameserver.toString();
        gauges.computeIfAbsent(
            name,
            n ->
                List.of(
                    Gauge.builder("zonecast.target.up", latest, m -> up(m.get(n)))
                        .tag("target", n)
                        .description(
                            "1 when the nameserver answered the last heartbeat, 0 when it did not")
                        .register(registry),
                    Gauge.builder("zonecast.target.serial_lag", latest, m -> lag(m.get(n)))
                        .tag("target", n)
                        .description("serials the nameserver's most lagging sampled zone is behind")
                        .register(registry)));
      }
    }
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(new FixedDelayTask(this::check, settings.interval(), Duration.ZERO));
  }

  void check() {
    try {
      checkAll();
    } catch (RuntimeException e) {
      log.warn("nameserver heartbeat failed: {}", e.toString());
    }
  }

  /** Checks every nameserver now and returns what was found. */
  List<NameserverHealth> checkAll() {
    Timer.Sample round = Timer.start();
    try {
      return checkEveryNameserver();
    } finally {
      round.stop(roundTimer);
    }
  }

  private List<NameserverHealth> checkEveryNameserver() {
    List<Future<NameserverHealth>> checks = new ArrayList<>();
    for (Pool pool : pools.all()) {
      List<Zone> sample = sample(pool.id());
      for (Pool.HostPort nameserver : pool.nameservers()) {
        checks.add(executor.submit(() -> check(nameserver, sample)));
      }
    }
    List<NameserverHealth> results = new ArrayList<>();
    for (Future<NameserverHealth> check : checks) {
      try {
        NameserverHealth health = check.get();
        if (!gauges.containsKey(health.nameserver())) {
          continue; // removed from the pools file while it was being checked
        }
        NameserverHealth before = latest.put(health.nameserver(), health);
        if (before != null && before.up() != health.up()) {
          if (health.up()) {
            log.info("nameserver {} answers again", health.nameserver());
          } else {
            log.warn("nameserver {} does not answer: {}", health.nameserver(), health.lastError());
          }
        }
        results.add(health);
      } catch (ExecutionException e) {
        log.warn("heartbeat of a nameserver failed: {}", e.getCause().toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return results;
  }

  /** The last heartbeat's result of every nameserver, by address. */
  public Map<String, NameserverHealth> snapshot() {
    return new TreeMap<>(latest);
  }

  private NameserverHealth check(Pool.HostPort nameserver, List<Zone> sample) {
    String name = nameserver.toString();
    List<NameserverHealth.Sample> answers = new ArrayList<>();
    if (sample.isEmpty()) {
      answers.add(new NameserverHealth.Sample(0, probe(nameserver, ".")));
    }
    for (Zone zone : sample) {
      SoaProbe.Answer answer = probe(nameserver, zone.name());
      answers.add(new NameserverHealth.Sample(zone.serial(), answer));
      if (answer instanceof SoaProbe.Unreachable) {
        break; // a nameserver that does not answer is not asked about every zone
      }
    }
    return NameserverHealth.of(
        name, hosts.addresses(nameserver.host()), answers, latest.get(name), clock.instant());
  }

  private SoaProbe.Answer probe(Pool.HostPort nameserver, String zone) {
    return SoaProbe.query(resolver, nameserver, zone, settings.queryTimeout());
  }

  private record Zone(String name, long serial) {}

  private List<Zone> sample(UUID poolId) {
    if (settings.sampleSize() == 0) {
      return List.of();
    }
    return jdbc.query(
        SAMPLE,
        (rs, i) -> new Zone(rs.getString("name"), rs.getLong("serial")),
        poolId,
        settings.sampleSize());
  }

  private static double up(NameserverHealth health) {
    return health != null && health.up() ? 1 : 0;
  }

  private static double lag(NameserverHealth health) {
    return health == null ? 0 : health.serialLag();
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }
}
