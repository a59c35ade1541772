package io.zonecast.poolmanager.pool;

import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Counts a pool's zones in central's {@code zones} table, read only; a zone being deleted counts
 * (its delete needs the pool's targets), central removes the row once it is gone.
 */
@Repository
class PoolZoneCounts implements Pools.ZoneCounts {

  private final JdbcTemplate jdbc;

  PoolZoneCounts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public long zonesIn(UUID poolId) {
    Long count =
        jdbc.queryForObject(
            "select count(*) from published.zones where pool_id = ?", Long.class, poolId);
    return count == null ? 0 : count;
  }
}
