package io.zonecast.minidns.access;

import io.zonecast.minidns.system.MiniDnsProperties;
import io.zonecast.model.pool.Pool;
import io.zonecast.model.pool.Pool.HostPort;
import io.zonecast.model.pool.PoolsFileHolder;
import io.zonecast.model.pool.PoolsReloaded;
import io.zonecast.runtime.resolve.HostNotResolvedException;
import io.zonecast.runtime.resolve.HostResolver;
import io.zonecast.runtime.resolve.ResolveProperties;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Which addresses may transfer zones (AXFR, IXFR): the {@code allow-transfer} blocks, and the
 * servers of the pools file in force (each target's {@code options.host}, the nameservers, the
 * also_notifies), taken again at every new version of it ({@link PoolsReloaded}).
 *
 * <p>The servers' host names are resolved again by a heartbeat ({@code
 * zonecast.resolve.refresh-interval}), and also when an address that is not allowed asks (at most
 * once a second), so a secondary that moved to a new address may transfer from there at once.
 */
@Component
public class TransferAcl implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(TransferAcl.class);
  private static final long CHECK_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

  private final List<Cidr> configured;
  private final PoolsFileHolder pools;
  private final HostResolver resolver;
  private final Duration refreshInterval;
  private volatile List<String> hosts = List.of();
  private volatile Map<String, List<InetAddress>> resolved = Map.of();
  private volatile List<Cidr> fromPools = List.of();
  private volatile long resolvedAt;

  public TransferAcl(
      MiniDnsProperties properties,
      PoolsFileHolder pools,
      HostResolver resolver,
      ResolveProperties resolve) {
    this.configured = properties.allowTransfer().stream().map(Cidr::parse).toList();
    this.pools = pools;
    this.resolver = resolver;
    this.refreshInterval = resolve.refreshInterval();
    take(pools.all());
  }

  public boolean allows(InetAddress client) {
    if (configured.stream().anyMatch(block -> block.contains(client))) {
      return true;
    }
    if (fromPools.stream().anyMatch(block -> block.contains(client))) {
      return true;
    }
    if (!hosts.isEmpty() && System.nanoTime() - resolvedAt > CHECK_EVERY_NANOS) {
      resolveHosts(); // a server may have moved since the last heartbeat
    }
    return fromPools.stream().anyMatch(block -> block.contains(client));
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(new FixedDelayTask(this::refresh, refreshInterval, refreshInterval));
  }

  /** The heartbeat: every host name of the pools resolved again. */
  void refresh() {
    if (!hosts.isEmpty()) {
      resolveHosts();
    }
  }

  @EventListener
  void poolsReloaded(PoolsReloaded reloaded) {
    take(reloaded.snapshot().pools());
  }

  private synchronized void take(List<Pool> inForce) {
    hosts = hosts(inForce);
    resolveHosts();
    pools
        .path()
        .ifPresent(
            path -> log.info("transfers allowed to {} and the servers of {}", configured, path));
  }

  private synchronized void resolveHosts() {
    resolvedAt = System.nanoTime();
    Map<String, List<InetAddress>> now = new LinkedHashMap<>();
    List<Cidr> blocks = new ArrayList<>();
    for (String host : hosts) {
      List<InetAddress> addresses;
      try {
        addresses = resolver.resolve(host);
      } catch (HostNotResolvedException e) {
        if (!List.of().equals(resolved.get(host))) {
          log.warn("{}: it may not transfer", e.getMessage());
        }
        addresses = List.of();
      }
      List<InetAddress> before = resolved.get(host);
      if (before != null && !before.isEmpty() && !before.equals(addresses)) {
        log.info(
            "pools file host {} may now transfer from {} (was {})",
            host,
            text(addresses),
            text(before));
      }
      now.put(host, addresses);
      addresses.forEach(address -> blocks.add(Cidr.of(address)));
    }
    resolved = now;
    fromPools = List.copyOf(blocks);
  }

  private static List<String> text(List<InetAddress> addresses) {
    return addresses.stream().map(InetAddress::getHostAddress).toList();
  }

  private static List<String> hosts(List<Pool> pools) {
    List<String> hosts = new ArrayList<>();
    for (Pool pool : pools) {
      Stream.of(
              pool.targets().stream().map(target -> target.option("host", null)),
              pool.nameservers().stream().map(HostPort::host),
              pool.alsoNotifies().stream().map(HostPort::host))
          .flatMap(names -> names)
          .filter(host -> host != null && !host.isBlank())
          .map(String::trim)
          .distinct()
          .forEach(hosts::add);
    }
    return List.copyOf(hosts);
  }
}
