package io.zonecast.poolmanager.pool;

import io.zonecast.model.pool.PoolsChanges;

/** A new version of the pools file was put in force; published after the swap. */
public record PoolsReloaded(PoolsChanges changes, Pools.Snapshot snapshot) {}
