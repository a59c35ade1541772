package io.zonecast.poolmanager.pool;

import io.zonecast.model.pool.InvalidPoolsFileException;
import io.zonecast.model.pool.Pool;
import io.zonecast.model.pool.PoolsChanges;
import io.zonecast.model.pool.PoolsFile;
import io.zonecast.model.pool.PoolsFileHolder;
import io.zonecast.model.pool.PoolsReloaded;
import io.zonecast.poolmanager.system.PoolManagerProperties;
import io.zonecast.poolmanager.target.Backends;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The pools this pool manager serves: the process's one {@link PoolsFileHolder}, read at start-up
 * and again on {@link #reload} (SIGHUP, a change of the file, {@code POST /pools/reload}). A
 * version is put in force only when every target's backend can be made from it and it drops no pool
 * that still has zones; otherwise it is refused with the reason and the pools in force stay as they
 * are (at start-up, it stops the start). Readers take the current snapshot each time, so a change
 * is seen from the next propagation round on; work under way keeps the pool it started with.
 * Listeners of {@link PoolsReloaded} act on the changes (a new target gets the pool's zones).
 */
@Component
public class Pools {

  /** Zones in a pool (those being deleted too): a pool that has some cannot leave the file. */
  public interface ZoneCounts {
    long zonesIn(UUID poolId);
  }

  private final PoolsFileHolder holder;

  @Autowired
  Pools(
      PoolManagerProperties properties,
      Backends backends,
      ZoneCounts zoneCounts,
      ApplicationEventPublisher events,
      Clock clock) {
    this(properties.poolsFile(), backends, zoneCounts, events, clock);
  }

  /** Pools read from {@code path}, with no zones anywhere and nobody told of reloads (tests). */
  public Pools(Path path, Backends backends, Clock clock) {
    this(path, backends, id -> 0, event -> {}, clock);
  }

  Pools(
      Path path,
      Backends backends,
      ZoneCounts zoneCounts,
      ApplicationEventPublisher events,
      Clock clock) {
    this.holder =
        new PoolsFileHolder(
            path,
            (file, inForce, source) -> check(file, inForce, source, backends, zoneCounts),
            clock,
            events::publishEvent);
  }

  /** The pools in force. */
  public List<Pool> all() {
    return holder.all();
  }

  public Optional<Pool> find(UUID id) {
    return holder.find(id);
  }

  public PoolsFileHolder.Snapshot snapshot() {
    return holder.snapshot();
  }

  public Path path() {
    return holder.path().orElseThrow();
  }

  /** The last reload's result; empty before the first. */
  public Optional<PoolsFileHolder.Reload> lastReload() {
    return holder.lastReload();
  }

  /** See {@link PoolsFileHolder#reload}. */
  public PoolsFileHolder.Reload reload(String content, boolean dryRun) {
    return holder.reload(content, dryRun);
  }

  /** The holder itself, for the triggers that reload it. */
  PoolsFileHolder holder() {
    return holder;
  }

  /** The pool manager can serve every target of {@code file} and it drops no pool in use. */
  private static void check(
      PoolsFile file, List<Pool> inForce, String source, Backends backends, ZoneCounts zoneCounts) {
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
