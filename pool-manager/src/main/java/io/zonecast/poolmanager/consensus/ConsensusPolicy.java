package io.zonecast.poolmanager.consensus;

/**
 * Designate's threshold_percentage: a propagation succeeds when at least that share of the
 * nameservers (or targets) succeeded, and has failed as soon as the ones not yet failed can no
 * longer reach it.
 */
public record ConsensusPolicy(int thresholdPercentage) {

  public boolean reached(int successes, int total) {
    return total == 0 || successes * 100L >= (long) thresholdPercentage * total;
  }

  public boolean unreachable(int failures, int total) {
    return total > 0 && !reached(total - failures, total);
  }
}
