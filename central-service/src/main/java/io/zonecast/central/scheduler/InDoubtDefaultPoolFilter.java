package io.zonecast.central.scheduler;

import io.zonecast.model.pool.Pool;
import java.util.List;

/**
 * {@code in_doubt_default_pool}: when more than one pool is left and the default pool is one of
 * them, the default pool; otherwise the candidates unchanged.
 */
final class InDoubtDefaultPoolFilter implements PoolFilter {

  @Override
  public String name() {
    return "in_doubt_default_pool";
  }

  @Override
  public List<Pool> filter(List<Pool> candidates, SchedulingRequest request) {
    Pool defaultPool = request.defaultPool();
    if (candidates.size() > 1
        && candidates.stream().anyMatch(p -> p.id().equals(defaultPool.id()))) {
      return List.of(defaultPool);
    }
    return candidates;
  }
}
