package io.zonecast.minidns.access;

import io.zonecast.model.pool.Pool;
import io.zonecast.model.pool.Pool.HostPort;
import io.zonecast.model.pool.PoolsFile;
import io.zonecast.runtime.resolve.HostNotResolvedException;
import io.zonecast.runtime.resolve.HostResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Which addresses may transfer zones (AXFR, IXFR): the {@code allow-transfer} blocks, and the
 * servers of the pools file (each target's {@code options.host}, the nameservers, the
 * also_notifies). The file is read again when its modification time changes (checked at most once a
 * second); a file that cannot be read keeps the list read last, and is logged.
 *
 * <p>The servers' host names are resolved again by a heartbeat ({@code
 * zonecast.resolve.refresh-interval}), and also when an address that is not allowed asks (at most
 * once a second), so a secondary that moved to a new address may transfer from there at once.
 */
@Component
public class TransferAcl {

  private static final Logger log = LoggerFactory.getLogger(TransferAcl.class);
  private static final long CHECK_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

  private final List<Cidr> configured;
  private final Path poolsFile;
  private final HostResolver resolver;
  private volatile List<String> hosts = List.of();
  private volatile Map<String, List<InetAddress>> resolved = Map.of();
  private volatile List<Cidr> fromPools = List.of();
  private volatile FileTime readAt;
  private volatile long checkedAt;
  private volatile long resolvedAt;

  @Autowired
  public TransferAcl(AccessProperties properties, HostResolver resolver) {
    this.configured = properties.allowTransfer().stream().map(Cidr::parse).toList();
    this.resolver = resolver;
    this.poolsFile =
        properties.poolsFile() == null || properties.poolsFile().isBlank()
            ? null
            : Path.of(properties.poolsFile());
    if (poolsFile != null) {
      reloadIfChanged();
    }
  }

  public boolean allows(InetAddress client) {
    if (configured.stream().anyMatch(block -> block.contains(client))) {
      return true;
    }
    if (poolsFile == null) {
      return false;
    }
    if (System.nanoTime() - checkedAt > CHECK_EVERY_NANOS) {
      reloadIfChanged();
    }
    if (fromPools.stream().anyMatch(block -> block.contains(client))) {
      return true;
    }
    if (System.nanoTime() - resolvedAt > CHECK_EVERY_NANOS) {
      resolveHosts(); // a server may have moved since the last heartbeat
    }
    return fromPools.stream().anyMatch(block -> block.contains(client));
  }

  @Scheduled(
      fixedDelayString = "${zonecast.resolve.refresh-interval:10s}",
      initialDelayString = "${zonecast.resolve.refresh-interval:10s}")
  void refresh() {
    if (poolsFile != null) {
      reloadIfChanged();
      resolveHosts();
    }
  }

  private synchronized void reloadIfChanged() {
    checkedAt = System.nanoTime();
    try {
      FileTime modified = Files.getLastModifiedTime(poolsFile);
      if (modified.equals(readAt)) {
        return;
      }
      hosts = hosts(PoolsFile.read(poolsFile).pools());
      readAt = modified;
      resolveHosts();
      log.info("transfers allowed to {} and the servers of {}", configured, poolsFile);
    } catch (IOException | RuntimeException e) {
      log.warn(
          "cannot read pools file {} ({}): keeping the servers read last", poolsFile, e.toString());
    }
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
