package io.zonecast.poolmanager.sync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The periodic check that every target serves the zones it should ({@code
 * zonecast.pool-manager.sync.*}).
 *
 * @param interval how often one pool-manager instance checks all zones (a round) on every target of
 *     their pool; the time between the end of a round and the start of the next
 * @param batchSize zones read from the database at a time in a round
 * @param parallelism SOA queries in flight at once to each target, and backend calls or NOTIFYs at
 *     once per target
 * @param queryTimeout how long to wait for one SOA answer
 * @param catalogGrace how long after a zone joined its pool's catalog a catalog-consuming target
 *     answering SERVFAIL for it is taken to be still transferring it, and not NOTIFYd ({@link
 *     NewMemberGrace})
 */
@ConfigurationProperties("zonecast.pool-manager.sync")
public record SyncProperties(
    @DefaultValue("60s") Duration interval,
    @DefaultValue("500") int batchSize,
    @DefaultValue("20") int parallelism,
    @DefaultValue("2s") Duration queryTimeout,
    @DefaultValue("15m") Duration catalogGrace) {

  public SyncProperties {
    if (!interval.isPositive()
        || !queryTimeout.isPositive()
        || catalogGrace.isNegative()
        || batchSize < 1
        || parallelism < 1) {
      throw new IllegalArgumentException(
          "zonecast.pool-manager.sync: interval and query-timeout must be positive, catalog-grace"
              + " not negative, batch-size and parallelism at least 1");
    }
  }
}
