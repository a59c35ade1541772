package io.zonecast.central.pool;

import io.zonecast.central.system.ApiException;
import io.zonecast.model.pool.TargetLimits;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Refuses a recordset that a target of the zone's pool would refuse to load: more records than the
 * smallest {@code max_records_per_type} of the pool's targets ({@link TargetLimits}; BIND's 100 by
 * default). BIND would otherwise refuse every transfer of the zone from then on ("too many records
 * (must not exceed 100)"), leaving it in ERROR with nothing but the secondaries' logs to say why.
 */
@Component
public class TargetRecordLimits {

  private final PoolCatalog pools;

  TargetRecordLimits(PoolCatalog pools) {
    this.pools = pools;
  }

  /**
   * @throws ApiException 400 when {@code records} is over the limit of the pool's targets
   */
  public void enforce(UUID poolId, String name, String type, int records) {
    TargetLimits.smallest(pools.pool(poolId))
        .filter(limit -> records > limit.records())
        .ifPresent(limit -> {
          throw ApiException.badRequest(
              "bad_request",
              "The "
                  + type
                  + " recordset "
                  + name
                  + " has "
                  + records
                  + " records; the zone's pool's target '"
                  + limit.target()
                  + "' loads at most "
                  + limit.records()
                  + " per recordset (its max_records_per_type in the pools file)");
        });
  }
}
