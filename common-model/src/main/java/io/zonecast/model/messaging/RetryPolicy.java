package io.zonecast.model.messaging;

import java.time.Duration;

/**
 * The spec's timeout / retry_interval / max_retries triple, all in seconds (fractions allowed). One
 * attempt plus at most {@code maxRetries} more; each attempt waits {@code timeout} for an answer,
 * and the next one starts {@code retryInterval} after that.
 */
public record RetryPolicy(double timeout, double retryInterval, int maxRetries) {

  public Duration timeoutDuration() {
    return seconds(timeout);
  }

  public Duration retryIntervalDuration() {
    return seconds(retryInterval);
  }

  public int attempts() {
    return Math.max(0, maxRetries) + 1;
  }

  private static Duration seconds(double s) {
    return Duration.ofNanos(Math.max(0L, Math.round(s * 1_000_000_000d)));
  }
}
