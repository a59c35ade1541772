package io.zonecast.central.scheduler;

import io.zonecast.central.pool.PoolCatalog;
import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.model.pool.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Picks the pool of a new zone (Designate's pool scheduler): the configured filters run in order on
 * the pools of the pools file; exactly one pool must be left. None left is Designate's 404 {@code
 * no_valid_pool_found}; more than one is its 500 {@code multiple_pools_found}, an operator's
 * problem: the filter list must end in one that decides (in_doubt_default_pool, default_pool,
 * random).
 */
@Component
public class PoolScheduler {

  private static final Logger log = LoggerFactory.getLogger(PoolScheduler.class);

  private final PoolCatalog pools;
  private final List<PoolFilter> filters;

  @Autowired
  PoolScheduler(PoolCatalog pools, SchedulerProperties properties) {
    this(pools, filters(properties.filters(), new Random()));
  }

  /** A scheduler with these filters; {@code pools} may be null when given each request's pools. */
  PoolScheduler(PoolCatalog pools, List<PoolFilter> filters) {
    this.pools = pools;
    this.filters = List.copyOf(filters);
    log.info("pool scheduler filters: {}", this.filters.stream().map(PoolFilter::name).toList());
  }

  /** The filters by their configured names; a name no filter has stops central at start-up. */
  static List<PoolFilter> filters(List<String> names, RandomGenerator random) {
    Map<String, PoolFilter> known =
        Stream.of(
                new AttributeFilter(),
                new PoolIdAttributeFilter(),
                new DefaultPoolFilter(),
                new FallbackFilter(),
                new InDoubtDefaultPoolFilter(),
                new RandomFilter(random))
            .collect(Collectors.toMap(PoolFilter::name, Function.identity()));
    if (names.isEmpty()) {
      throw new IllegalStateException(
          "zonecast.central.scheduler.filters is empty: name at least one of " + known.keySet());
    }
    List<PoolFilter> chosen = new ArrayList<>();
    for (String name : names) {
      PoolFilter filter = known.get(name.strip());
      if (filter == null) {
        throw new IllegalStateException(
            "zonecast.central.scheduler.filters: no filter '"
                + name
                + "'; the filters are "
                + known.keySet());
      }
      chosen.add(filter);
    }
    return chosen;
  }

  /** The pool a zone with these attributes, created by {@code caller}, goes to. */
  public Pool schedule(Caller caller, ZoneAttributes attributes) {
    return schedule(new SchedulingRequest(attributes, caller, pools.all(), pools.defaultPool()));
  }

  Pool schedule(SchedulingRequest request) {
    ZoneAttributes attributes = request.attributes();
    List<Pool> candidates = request.pools();
    for (PoolFilter filter : filters) {
      candidates = filter.filter(candidates, request);
      log.debug("{} pools left after filter {}", candidates.size(), filter.name());
    }
    if (candidates.isEmpty()) {
      throw ApiException.notFound(
          "no_valid_pool_found",
          "There are no pools that matched your request"
              + (attributes.isEmpty() ? "" : " (attributes " + attributes.values() + ")"));
    }
    if (candidates.size() > 1) {
      log.warn(
          "pools {} all fit a zone with attributes {}: the scheduler filters {} must leave one"
              + " (end them with in_doubt_default_pool, default_pool or random)",
          candidates.stream().map(Pool::name).toList(),
          attributes.values(),
          filters.stream().map(PoolFilter::name).toList());
      throw new ApiException(
          HttpStatus.INTERNAL_SERVER_ERROR,
          "multiple_pools_found",
          "More than one pool matched your request; the scheduler's configuration must pick one");
    }
    return candidates.getFirst();
  }
}
