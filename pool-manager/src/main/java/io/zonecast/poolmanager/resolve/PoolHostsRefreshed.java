package io.zonecast.poolmanager.resolve;

import java.util.Set;

/**
 * A heartbeat of {@link PoolHosts} resolved every host of the pools; {@code moved} are the hosts
 * whose addresses differ from the heartbeat before (empty most of the time). Published after every
 * heartbeat, so listeners may also retry what they could not finish.
 */
public record PoolHostsRefreshed(Set<String> moved) {
  public PoolHostsRefreshed {
    moved = Set.copyOf(moved);
  }
}
