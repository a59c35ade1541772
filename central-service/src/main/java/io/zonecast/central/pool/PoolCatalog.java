package io.zonecast.central.pool;

import io.zonecast.central.system.CentralProperties;
import io.zonecast.model.pool.Pool;
import io.zonecast.model.pool.PoolsFile;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The pools central places zones in, read from the same pools file the pool manager uses. Central
 * needs a pool's NS records (the managed apex NS recordset and the SOA MNAME).
 */
@Component
public class PoolCatalog {

  private static final Logger log = LoggerFactory.getLogger(PoolCatalog.class);

  private final PoolsFile pools;

  PoolCatalog(CentralProperties properties) {
    this.pools = PoolsFile.read(properties.poolsFile());
    log.info(
        "pools from {}: {}",
        properties.poolsFile(),
        pools.pools().stream().map(p -> p.name() + " (" + p.id() + ")").toList());
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
