package io.zonecast.central.scheduler;

import io.zonecast.model.pool.Pool;
import java.util.List;

/**
 * {@code default_pool}: always the default pool, whatever came before (Designate's configured
 * default filter list; meant to be the only filter).
 */
final class DefaultPoolFilter implements PoolFilter {

  @Override
  public String name() {
    return "default_pool";
  }

  @Override
  public List<Pool> filter(List<Pool> candidates, SchedulingRequest request) {
    return List.of(request.defaultPool());
  }
}
