package io.zonecast.central.pool;

import io.zonecast.central.system.CentralProperties;
import io.zonecast.model.pool.InvalidPoolsFileException;
import io.zonecast.model.pool.Pool;
import io.zonecast.model.pool.PoolsChanges;
import io.zonecast.model.pool.PoolsFile;
import io.zonecast.runtime.signal.HangupSignal;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The pools central places zones in, read from the same pools file the pool manager uses. Central
 * needs a pool's NS records (the managed apex NS recordset and the SOA MNAME). The file is read
 * again at SIGHUP ({@code bin/zonecast pool update}): new zones get the pools and NS records of the
 * new version, zones already made keep theirs; a file that cannot be read is refused and the pools
 * read last stay.
 */
@Component
public class PoolCatalog {

  private static final Logger log = LoggerFactory.getLogger(PoolCatalog.class);

  private final Path path;
  private final JdbcTemplate jdbc;
  private volatile PoolsFile pools;
  private volatile long generation = 1;

  PoolCatalog(CentralProperties properties, JdbcTemplate jdbc) {
    this.path = properties.poolsFile();
    this.jdbc = jdbc;
    this.pools = PoolsFile.read(path);
    log.info(
        "pools from {}: {}",
        path,
        pools.pools().stream().map(p -> p.name() + " (" + p.id() + ")").toList());
    HangupSignal.onHangup("reading the pools file " + path + " again", this::reload);
  }

  /**
   * Reads the pools file again and puts it in force when it can be read and drops no pool that
   * still has zones; true when it was, false (and logged) when it was refused.
   */
  public synchronized boolean reload() {
    try {
      PoolsFile read = PoolsFile.read(path);
      PoolsChanges diff = PoolsChanges.between(pools.pools(), read.pools());
      for (Pool gone : diff.removedPools()) {
        Long zones =
            jdbc.queryForObject(
                "select count(*) from zones where pool_id = ?", Long.class, gone.id());
        if (zones != null && zones > 0) {
          throw new InvalidPoolsFileException(
              path + ": pool '" + gone.name() + "' is missing but still has " + zones + " zones");
        }
      }
      List<String> changes = diff.describe();
      if (changes.isEmpty()) {
        log.info("pools file {} read again: no changes", path);
        return true;
      }
      pools = read;
      generation++;
      log.info("pools file {}: generation {} in force: {}", path, generation, changes);
      return true;
    } catch (InvalidPoolsFileException e) {
      log.warn(
          "pools file {} refused: {}; generation {} stays in force",
          path,
          e.getMessage(),
          generation);
      return false;
    }
  }

  /** The version of the pools file in force: 1 at start-up, one more per reload that changed it. */
  public long generation() {
    return generation;
  }

  public List<Pool> all() {
    return pools.pools();
  }

  public Pool defaultPool() {
    return pools.defaultPool();
  }

  public Pool pool(UUID id) {
    return pools.find(id).orElseThrow(() -> new IllegalStateException("no pool " + id));
  }

  /** The pool's NS host names, lowest priority first; the first one is the SOA MNAME. */
  public List<String> nameserverNames(UUID poolId) {
    return pool(poolId).nsRecords().stream()
        .sorted(Comparator.comparingInt(Pool.NsRecord::priority))
        .map(Pool.NsRecord::hostname)
        .toList();
  }
}
