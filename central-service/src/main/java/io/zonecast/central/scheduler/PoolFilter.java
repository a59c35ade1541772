package io.zonecast.central.scheduler;

import io.zonecast.model.pool.Pool;
import java.util.List;

/**
 * One step of the scheduler (Designate's scheduler filters): from the pools still in the running,
 * those the zone may go to. The configured filters run in order, each on what the one before left.
 */
interface PoolFilter {

  /** The name the filter is configured by, as in Designate's {@code scheduler_filters}. */
  String name();

  List<Pool> filter(List<Pool> candidates, SchedulingRequest request);
}
