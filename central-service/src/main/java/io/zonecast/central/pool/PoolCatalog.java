package io.zonecast.central.pool;

import io.zonecast.central.system.CentralProperties;
import io.zonecast.model.pool.InvalidPoolsFileException;
import io.zonecast.model.pool.Pool;
import io.zonecast.model.pool.PoolsChanges;
import io.zonecast.model.pool.PoolsFile;
import io.zonecast.model.pool.PoolsFileHolder;
import io.zonecast.runtime.pool.PoolsFileReloads;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The pools central places zones in: central's one {@link PoolsFileHolder}, over the same pools
 * file the pool manager uses. Central needs a pool's NS records (the managed apex NS recordset and
 * the SOA MNAME). The file is read again at SIGHUP ({@code bin/zonecast pool update}) and when it
 * changes ({@link PoolsFileReloads}): new zones get the pools and NS records of the new version,
 * zones already made keep theirs; a file that cannot be read, or drops a pool that still has zones,
 * is refused and the pools read last stay.
 */
@Component
public class PoolCatalog implements DisposableBean {

  private final PoolsFileHolder holder;
  private final PoolsFileReloads reloads;

  PoolCatalog(
      CentralProperties properties,
      JdbcTemplate jdbc,
      Clock clock,
      ApplicationEventPublisher events,
      TaskScheduler scheduler) {
    this.holder =
        new PoolsFileHolder(
            properties.poolsFile(),
            (file, inForce, source) -> refuseDroppingPoolsInUse(file, inForce, source, jdbc),
            clock,
            events::publishEvent);
    this.reloads = new PoolsFileReloads(holder, scheduler);
  }

  private static void refuseDroppingPoolsInUse(
      PoolsFile file, List<Pool> inForce, String source, JdbcTemplate jdbc) {
    for (Pool gone : PoolsChanges.between(inForce, file.pools()).removedPools()) {
      Long zones =
          jdbc.queryForObject(
              "select count(*) from zones where pool_id = ?", Long.class, gone.id());
      if (zones != null && zones > 0) {
        throw new InvalidPoolsFileException(
            source + ": pool '" + gone.name() + "' is missing but still has " + zones + " zones");
      }
    }
  }

  public List<Pool> all() {
    return holder.all();
  }

  public Pool defaultPool() {
    return PoolsFile.defaultPool(holder.all());
  }

  public Pool pool(UUID id) {
    return holder.find(id).orElseThrow(() -> new IllegalStateException("no pool " + id));
  }

  /** The pool's NS host names, lowest priority first; the first one is the SOA MNAME. */
  public List<String> nameserverNames(UUID poolId) {
    return pool(poolId).nsRecords().stream()
        .sorted(Comparator.comparingInt(Pool.NsRecord::priority))
        .map(Pool.NsRecord::hostname)
        .toList();
  }

  @Override
  public void destroy() {
    reloads.destroy();
  }
}
