package io.zonecast.poolmanager.resolve;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.zonecast.model.pool.Pool;
import io.zonecast.poolmanager.pool.Pools;
import io.zonecast.runtime.resolve.HostNotResolvedException;
import io.zonecast.runtime.resolve.HostResolver;
import io.zonecast.runtime.resolve.ResolveProperties;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The heartbeat that resolves every host of the pools again (targets' {@code host} and {@code
 * rndc_host}, masters, nameservers, also_notifies), so a use rarely waits for DNS and a changed
 * address is seen, logged and shown without a restart: in the nameservers' health and as the gauge
 * {@code zonecast.host.address{host,address}} (1 for each current address). Each heartbeat ends
 * with a {@link PoolHostsRefreshed} naming the hosts that moved, so the targets whose masters moved
 * can be re-pointed.
 */
@Component
public class PoolHosts implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(PoolHosts.class);

  private final Pools pools;
  private final HostResolver resolver;
  private final Map<String, List<String>> current = new ConcurrentHashMap<>();
  private final MultiGauge addressGauge;
  private final ApplicationEventPublisher events;
  private final Duration refreshInterval;

  public PoolHosts(
      Pools pools,
      HostResolver resolver,
      MeterRegistry registry,
      ApplicationEventPublisher events,
      ResolveProperties settings) {
    this.pools = pools;
    this.refreshInterval = settings.refreshInterval();
    this.resolver = resolver;
    this.events = events;
    this.addressGauge =
        MultiGauge.builder("zonecast.host.address")
            .description("1 for each address a host of the pools file resolves to now")
            .register(registry);
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(new FixedDelayTask(this::refresh, refreshInterval, Duration.ZERO));
  }

  void refresh() {
    try {
      refreshAll();
    } catch (RuntimeException e) {
      log.warn("resolving the pools' hosts failed: {}", e.toString());
    }
  }

  /** Resolves every host of the pools now. */
  public void refreshAll() {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    Set<String> hosts = hosts(pools.all());
    Set<String> moved = new LinkedHashSet<>();
    for (String host : hosts) {
      List<String> addresses = addresses(host);
      List<String> before = current.put(host, addresses);
      if (before == null && addresses.isEmpty()) {
        continue; // addresses() logged why
      }
      if (before != null && !before.equals(addresses)) {
        log.info("host {} now resolves to {} (was {})", host, addresses, before);
        if (!addresses.isEmpty()) {
          moved.add(host);
        }
      }
      for (String address : addresses) {
        rows.add(MultiGauge.Row.of(Tags.of("host", host, "address", address), 1));
      }
    }
    current.keySet().retainAll(hosts);
    addressGauge.register(rows, true);
    events.publishEvent(new PoolHostsRefreshed(moved));
  }

  /** The addresses {@code host} resolves to now, as text; empty (and logged) when none. */
  public List<String> addresses(String host) {
    try {
      return resolver.resolve(host).stream().map(InetAddress::getHostAddress).toList();
    } catch (HostNotResolvedException e) {
      if (!List.of().equals(current.get(host))) {
        log.warn("{}", e.getMessage());
      }
      return List.of();
    }
  }

  /** What the last heartbeat found, by host. */
  public Map<String, List<String>> snapshot() {
    return new TreeMap<>(current);
  }

  static Set<String> hosts(List<Pool> pools) {
    Set<String> hosts = new LinkedHashSet<>();
    for (Pool pool : pools) {
      pool.nameservers().forEach(ns -> hosts.add(ns.host()));
      pool.alsoNotifies().forEach(also -> hosts.add(also.host()));
      for (Pool.Target target : pool.targets()) {
        target.masters().forEach(master -> hosts.add(master.host()));
        hosts.add(target.option("host", "127.0.0.1").trim());
        if (target.options().containsKey("rndc_host")) {
          hosts.add(target.option("rndc_host", "").trim());
        }
      }
    }
    hosts.removeIf(host -> Objects.requireNonNullElse(host, "").isBlank());
    return hosts;
  }
}
