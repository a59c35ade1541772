package io.zonecast.central.scheduler;

import io.zonecast.model.pool.Pool;
import java.util.List;
import java.util.random.RandomGenerator;

/** {@code random}: one of the candidates, chosen at random, when there are several. */
final class RandomFilter implements PoolFilter {

  private final RandomGenerator random;

  RandomFilter(RandomGenerator random) {
    this.random = random;
  }

  @Override
  public String name() {
    return "random";
  }

  @Override
  public List<Pool> filter(List<Pool> candidates, SchedulingRequest request) {
    if (candidates.size() <= 1) {
      return candidates;
    }
    return List.of(candidates.get(random.nextInt(candidates.size())));
  }
}
