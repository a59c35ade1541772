package io.zonecast.poolmanager.consensus;

/**
 * Designate's threshold_percentage: a propagation succeeded when at least that share of the
 * nameservers (or targets) succeeded, and has failed as soon as those not yet failed can no longer
 * reach it. Integer arithmetic, so 2 of 3 is 66.67 %: enough for 66, not for 67.
 */
public record ConsensusPolicy(int thresholdPercentage) {

  public ConsensusPolicy {
    if (thresholdPercentage < 1 || thresholdPercentage > 100) {
      throw new IllegalArgumentException(
          "threshold percentage must be 1..100, not " + thresholdPercentage);
    }
  }

  /** True when {@code successes} of {@code total} reach the threshold; an empty set always does. */
  public boolean reached(int successes, int total) {
    return total == 0 || successes * 100L >= (long) thresholdPercentage * total;
  }

  /** True when, with {@code failures} of {@code total} failed, the threshold is out of reach. */
  public boolean unreachable(int failures, int total) {
    return total > 0 && !reached(total - failures, total);
  }
}
