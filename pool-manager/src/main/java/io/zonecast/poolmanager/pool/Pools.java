package io.zonecast.poolmanager.pool;

import io.zonecast.model.pool.InvalidPoolsFileException;
import io.zonecast.model.pool.Pool;
import io.zonecast.model.pool.PoolsChanges;
import io.zonecast.model.pool.PoolsFile;
import io.zonecast.poolmanager.system.PoolManagerProperties;
import io.zonecast.poolmanager.target.Backends;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The pools this pool manager serves, read from the pools file at start-up and again on {@link
 * #reload}. Each version is an immutable {@link Snapshot} that replaces the one before at once, and
 * only after the whole file was validated: a file that is missing or invalid, a target whose
 * backend cannot be made from it, or a pool removed while zones are still in it, is refused with
 * the reason and the pools in force stay as they are (at start-up, it stops the start). Readers
 * take the current snapshot each time, so a change is seen from the next propagation round on; work
 * under way keeps the pool it started with.
 */
@Component
public class Pools {

  private static final Logger log = LoggerFactory.getLogger(Pools.class);

  /** One version of the pools file in force, numbered from 1 (start-up). */
  public record Snapshot(long generation, List<Pool> pools, Instant readAt) {
    public Snapshot {
      pools = List.copyOf(pools);
    }
  }

  /**
   * What a reload did: applied (a new generation, or nothing changed), only checked (dry run), or
   * refused with the reason ({@code error}); {@code changes} one line per change.
   */
  public record Reload(
      boolean applied,
      boolean dryRun,
      long generation,
      List<String> changes,
      String error,
      Instant at) {
    public Reload {
      changes = List.copyOf(changes);
    }

    public boolean refused() {
      return error != null;
    }
  }

  /** Zones in a pool (those being deleted too): a pool that has some cannot leave the file. */
  public interface ZoneCounts {
    long zonesIn(UUID poolId);
  }

  private final Path path;
  private final Backends backends;
  private final ZoneCounts zoneCounts;
  private final ApplicationEventPublisher events;
  private final AtomicReference<Snapshot> current = new AtomicReference<>();
  private volatile Reload lastReload;

  @Autowired
  Pools(
      PoolManagerProperties properties,
      Backends backends,
      ZoneCounts zoneCounts,
      ApplicationEventPublisher events) {
    this(properties.poolsFile(), backends, zoneCounts, events);
  }

  /** Pools read from {@code path}, with no zones anywhere and nobody told of reloads (tests). */
  public Pools(Path path, Backends backends) {
    this(path, backends, id -> 0, event -> {});
  }

  Pools(Path path, Backends backends, ZoneCounts zoneCounts, ApplicationEventPublisher events) {
    this.path = path;
    this.backends = backends;
    this.zoneCounts = zoneCounts;
    this.events = events;
    List<Pool> pools = validated(read(null), List.of(), path.toString());
    current.set(new Snapshot(1, pools, Instant.now()));
    pools.forEach(Pools::logPool);
  }

  /** The pools in force. */
  public List<Pool> all() {
    return current.get().pools();
  }

  public Optional<Pool> find(UUID id) {
    return all().stream().filter(p -> p.id().equals(id)).findFirst();
  }

  public Snapshot snapshot() {
    return current.get();
  }

  public Path path() {
    return path;
  }

  /** The last reload's result; empty before the first. */
  public Optional<Reload> lastReload() {
    return Optional.ofNullable(lastReload);
  }

  /**
   * Reads the pools file again and, unless {@code dryRun}, puts it in force when it is valid and
   * changes anything; listeners of {@link PoolsReloaded} then act on the changes (a new target gets
   * the pool's zones). {@code content}, when given, is checked instead of the file (dry run only:
   * what is in force is always the file).
   */
  public synchronized Reload reload(String content, boolean dryRun) {
    if (content != null && !dryRun) {
      throw new IllegalArgumentException(
          "only a dry run checks given content; a reload reads " + path);
    }
    Snapshot before = current.get();
    Reload result;
    PoolsChanges changes = null;
    try {
      List<Pool> pools = validated(read(content), before.pools(), source(content));
      changes = PoolsChanges.between(before.pools(), pools);
      if (dryRun || changes.isEmpty()) {
        result =
            new Reload(false, dryRun, before.generation(), changes.describe(), null, Instant.now());
      } else {
        Snapshot after = new Snapshot(before.generation() + 1, pools, Instant.now());
        current.set(after);
        result =
            new Reload(true, false, after.generation(), changes.describe(), null, after.readAt());
      }
    } catch (InvalidPoolsFileException e) {
      result =
          new Reload(false, dryRun, before.generation(), List.of(), e.getMessage(), Instant.now());
    }
    if (result.refused()) {
      log.warn(
          "pools file {} refused{}: {}; generation {} stays in force",
          path,
          dryRun ? " (dry run)" : "",
          result.error(),
          result.generation());
    } else if (result.applied()) {
      log.info(
          "pools file {}: generation {} in force: {}", path, result.generation(), result.changes());
      current.get().pools().forEach(Pools::logPool);
    } else {
      log.info(
          "pools file {}{}: {}",
          path,
          dryRun ? " checked (dry run)" : " read again",
          result.changes().isEmpty() ? "no changes" : result.changes());
    }
    if (!dryRun) {
      lastReload = result;
    }
    if (result.applied()) {
      events.publishEvent(new PoolsReloaded(changes, current.get()));
    }
    return result;
  }

  private PoolsFile read(String content) {
    if (content != null) {
      return PoolsFile.parse(new StringReader(content), source(content));
    }
    if (!Files.isRegularFile(path)) {
      // PoolsFile would say only "cannot read pools file x: x" (NoSuchFileException's message)
      throw new InvalidPoolsFileException(
          "pools file " + path.toAbsolutePath() + " does not exist or is not a file");
    }
    return PoolsFile.read(path);
  }

  private String source(String content) {
    return content == null ? path.toString() : "the pools file given";
  }

  /** The file's pools, when the pool manager can serve every target and drops no pool in use. */
  private List<Pool> validated(PoolsFile file, List<Pool> inForce, String source) {
    for (Pool pool : file.pools()) {
      for (int i = 0; i < pool.targets().size(); i++) {
        try {
          backends.forTarget(pool, pool.targets().get(i));
          dnsAddress(pool.targets().get(i));
        } catch (IllegalArgumentException e) {
          throw new InvalidPoolsFileException(
              source + ": pool '" + pool.name() + "' target #" + (i + 1) + ": " + e.getMessage());
        }
      }
    }
    for (Pool gone : PoolsChanges.between(inForce, file.pools()).removedPools()) {
      long zones = zoneCounts.zonesIn(gone.id());
      if (zones > 0) {
        throw new InvalidPoolsFileException(
            source
                + ": pool '"
                + gone.name()
                + "' ("
                + gone.id()
                + ") is missing but still has "
                + zones
                + " zones: delete them first, or keep the pool");
      }
    }
    return file.pools();
  }

  private static void logPool(Pool pool) {
    log.info(
        "pool {} ({}): {} targets, {} nameservers, {} also_notifies",
        pool.name(),
        pool.id(),
        pool.targets().size(),
        pool.nameservers().size(),
        pool.alsoNotifies().size());
  }

  /**
   * Where a target answers DNS, so where its NOTIFYs go: options {@code host} (127.0.0.1) and
   * {@code port} (53), as in Designate.
   *
   * @throws IllegalArgumentException when the port is not a port
   */
  public static Pool.HostPort dnsAddress(Pool.Target target) {
    String host = target.option("host", "127.0.0.1").trim();
    String port = target.option("port", "53").trim();
    try {
      int number = Integer.parseInt(port);
      if (number >= 1 && number <= 65535 && !host.isEmpty()) {
        return new Pool.HostPort(host, number);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "options host '" + host + "' and port '" + port + "' are no DNS address");
  }
}
