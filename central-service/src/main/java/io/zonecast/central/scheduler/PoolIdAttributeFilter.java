package io.zonecast.central.scheduler;

import io.zonecast.central.system.ApiException;
import io.zonecast.model.pool.Pool;
import java.util.List;
import java.util.UUID;

/**
 * {@code pool_id_attribute}: an admin places the zone in the pool its {@code pool_id} attribute
 * names (Designate's policy {@code zone_create_forced_pool}, admin only); anyone else giving {@code
 * pool_id} gets 403. Without the attribute the candidates pass unchanged.
 *
 * <p>Two choices differ from Designate, both so that a named pool is never silently ignored: the
 * role is checked before the pool is looked up (a non-admin learns nothing about which pools
 * exist), and a pool earlier filters already removed leaves no candidate (Designate leaves the
 * candidates unchanged then, and the zone lands in another pool than the one named).
 */
final class PoolIdAttributeFilter implements PoolFilter {

  @Override
  public String name() {
    return "pool_id_attribute";
  }

  @Override
  public List<Pool> filter(List<Pool> candidates, SchedulingRequest request) {
    String named = request.attributes().poolId().orElse(null);
    if (named == null) {
      return candidates;
    }
    if (!request.caller().isAdmin()) {
      throw ApiException.forbidden(
          "Only the admin role may choose a zone's pool (attribute "
              + ZoneAttributes.POOL_ID
              + ")");
    }
    UUID id;
    try {
      id = UUID.fromString(named.strip());
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidObject(
          "attribute "
              + ZoneAttributes.POOL_ID
              + " must be a pool id (a UUID), not '"
              + named
              + "'");
    }
    return candidates.stream().filter(pool -> pool.id().equals(id)).toList();
  }
}
