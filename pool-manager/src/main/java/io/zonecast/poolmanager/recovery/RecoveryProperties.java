package io.zonecast.poolmanager.recovery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How zones in ERROR are re-driven ({@code zonecast.pool-manager.recovery.*}).
 *
 * @param interval how often one pool-manager instance looks for zones in ERROR that are due
 * @param initialBackoff the wait after a zone went ERROR before its first re-drive; each further
 *     re-drive of the same serial waits twice as long as the last
 * @param maxBackoff the longest wait between two re-drives
 * @param batchSize zones re-driven per run at most
 */
@ConfigurationProperties("zonecast.pool-manager.recovery")
public record RecoveryProperties(
    @DefaultValue("15s") Duration interval,
    @DefaultValue("30s") Duration initialBackoff,
    @DefaultValue("10m") Duration maxBackoff,
    @DefaultValue("100") int batchSize) {

  public RecoveryProperties {
    if (!interval.isPositive() || !initialBackoff.isPositive() || maxBackoff.isNegative()) {
      throw new IllegalArgumentException(
          "zonecast.pool-manager.recovery: interval and initial-backoff must be positive");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "zonecast.pool-manager.recovery.max-backoff ("
              + maxBackoff
              + ") must not be shorter than initial-backoff ("
              + initialBackoff
              + ")");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException(
          "zonecast.pool-manager.recovery.batch-size must be at least 1, not " + batchSize);
    }
  }

  /** The wait before re-drive number {@code attempts + 1}: initial, doubled each time, capped. */
  public Duration backoff(int attempts) {
    Duration wait = initialBackoff;
    for (int i = 0; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
