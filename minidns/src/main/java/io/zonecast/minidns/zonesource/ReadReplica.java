package io.zonecast.minidns.zonesource;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A read replica (PostgreSQL streaming hot standby) that SOA queries, AXFR and IXFR are read from
 * ({@code zonecast.minidns.read-replica.*}), guarded by {@link SerialMarks}. Secondary-zone pulls,
 * the heartbeat, TSIG keys, catalog zones and the change feed stay on the primary ({@code
 * spring.datasource.*}).
 *
 * @param url JDBC URL of the replica; empty: no replica, everything is read from the primary
 * @param username user on the replica; empty: {@code spring.datasource.username}
 * @param password its password; empty with an empty username: {@code spring.datasource.password}
 * @param maximumPoolSize connections to the replica at most
 * @param connectionTimeout how long a read waits for a connection to the replica before the primary
 *     answers it
 * @param pauseAfterFailure after a failed read the replica is left alone this long
 */
@ConfigurationProperties("zonecast.minidns.read-replica")
public record ReadReplica(
    @DefaultValue("") String url,
    @DefaultValue("") String username,
    @DefaultValue("") String password,
    @DefaultValue("10") int maximumPoolSize,
    @DefaultValue("1s") Duration connectionTimeout,
    @DefaultValue("5s") Duration pauseAfterFailure) {

  public ReadReplica {
    if (maximumPoolSize < 1
        || connectionTimeout.toMillis() < 250
        || pauseAfterFailure.isNegative()) {
      throw new IllegalArgumentException(
          "zonecast.minidns.read-replica: maximum-pool-size must be at least 1, connection-timeout"
              + " at least 250ms (Hikari's minimum), pause-after-failure not negative");
    }
  }

  boolean enabled() {
    return !url.isBlank();
  }
}
