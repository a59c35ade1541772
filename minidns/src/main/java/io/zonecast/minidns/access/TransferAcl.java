package io.zonecast.minidns.access;

import io.zonecast.model.pool.Pool;
import io.zonecast.model.pool.Pool.HostPort;
import io.zonecast.model.pool.PoolsFile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which addresses may transfer zones (AXFR, IXFR): the {@code allow-transfer} blocks, and the
 * servers of the pools file (each target's {@code options.host}, the nameservers, the
 * also_notifies). The file is read again when its modification time changes (checked at most once a
 * second); a file that cannot be read keeps the list read last, and is logged.
 */
@Component
public class TransferAcl {

  private static final Logger log = LoggerFactory.getLogger(TransferAcl.class);
  private static final long CHECK_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

  private final List<Cidr> configured;
  private final Path poolsFile;
  private volatile List<Cidr> fromPools = List.of();
  private volatile FileTime readAt;
  private volatile long checkedAt;

  @Autowired
  public TransferAcl(AccessProperties properties) {
    this.configured = properties.allowTransfer().stream().map(Cidr::parse).toList();
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
    if (poolsFile != null && System.nanoTime() - checkedAt > CHECK_EVERY_NANOS) {
      reloadIfChanged();
    }
    return fromPools.stream().anyMatch(block -> block.contains(client));
  }

  private synchronized void reloadIfChanged() {
    checkedAt = System.nanoTime();
    try {
      FileTime modified = Files.getLastModifiedTime(poolsFile);
      if (modified.equals(readAt)) {
        return;
      }
      fromPools = addresses(PoolsFile.read(poolsFile).pools());
      readAt = modified;
      log.info("transfers allowed to {} and the servers of {}", configured, poolsFile);
    } catch (IOException | RuntimeException e) {
      log.warn(
          "cannot read pools file {} ({}): keeping the servers read last", poolsFile, e.toString());
    }
  }

  private static List<Cidr> addresses(List<Pool> pools) {
    List<Cidr> blocks = new ArrayList<>();
    for (Pool pool : pools) {
      Stream.of(
              pool.targets().stream().map(target -> target.option("host", null)),
              pool.nameservers().stream().map(HostPort::host),
              pool.alsoNotifies().stream().map(HostPort::host))
          .flatMap(hosts -> hosts)
          .filter(host -> host != null && !host.isBlank())
          .forEach(host -> blocks.addAll(resolve(host)));
    }
    return List.copyOf(blocks);
  }

  private static List<Cidr> resolve(String host) {
    try {
      return Stream.of(InetAddress.getAllByName(host)).map(Cidr::of).toList();
    } catch (UnknownHostException e) {
      log.warn("pools file names host {} that does not resolve: it may not transfer", host);
      return List.of();
    }
  }
}
