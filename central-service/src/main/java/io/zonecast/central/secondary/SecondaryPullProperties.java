package io.zonecast.central.secondary;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Pulling SECONDARY zones from their masters ({@code zonecast.central.secondary.pull.*}).
 *
 * @param soaTimeout how long a master has to answer the SOA query
 * @param transferTimeout how long one transfer (AXFR or IXFR) may take in all
 * @param checkInterval how often the refresh timers are looked at
 * @param parallelism pulls at once in this central instance (each writes through a connection of
 *     its own)
 * @param batchSize records written to the database at a time while a transfer streams in
 * @param minInterval the shortest refresh or retry, whatever the master's SOA says
 * @param firstRetry the retry of a zone never transferred (it has no SOA timers yet)
 * @param firstExpire the expire of a zone never transferred: it turns ERROR that long after its
 *     creation without a transfer
 */
@ConfigurationProperties("zonecast.central.secondary.pull")
public record SecondaryPullProperties(
    @DefaultValue("2s") Duration soaTimeout,
    @DefaultValue("60s") Duration transferTimeout,
    @DefaultValue("1s") Duration checkInterval,
    @DefaultValue("4") int parallelism,
    @DefaultValue("1000") int batchSize,
    @DefaultValue("1s") Duration minInterval,
    @DefaultValue("10s") Duration firstRetry,
    @DefaultValue("1d") Duration firstExpire) {

  public SecondaryPullProperties {
    if (parallelism < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "zonecast.central.secondary.pull.parallelism and batch-size must be at least 1");
    }
  }
}
