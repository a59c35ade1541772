package io.zonecast.poolmanager.pool;

import io.zonecast.model.pool.Pool;
import io.zonecast.model.pool.PoolsFile;
import io.zonecast.poolmanager.system.PoolManagerProperties;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The pools this pool manager serves, read from the pools file at start-up. */
@Component
public class Pools {

  private static final Logger log = LoggerFactory.getLogger(Pools.class);

  private final PoolsFile file;

  Pools(PoolManagerProperties properties) {
    this.file = PoolsFile.read(properties.poolsFile());
    for (Pool pool : file.pools()) {
      log.info(
          "pool {} ({}): {} targets, {} nameservers, {} also_notifies",
          pool.name(),
          pool.id(),
          pool.targets().size(),
          pool.nameservers().size(),
          pool.alsoNotifies().size());
    }
  }

  public Optional<Pool> find(UUID id) {
    return file.find(id);
  }
}
