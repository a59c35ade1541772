package io.zonecast.central.scheduler;

import io.zonecast.model.pool.Pool;
import java.util.List;

/** {@code fallback}: when no pool is left, the default pool; otherwise the candidates unchanged. */
final class FallbackFilter implements PoolFilter {

  @Override
  public String name() {
    return "fallback";
  }

  @Override
  public List<Pool> filter(List<Pool> candidates, SchedulingRequest request) {
    return candidates.isEmpty() ? List.of(request.defaultPool()) : candidates;
  }
}
