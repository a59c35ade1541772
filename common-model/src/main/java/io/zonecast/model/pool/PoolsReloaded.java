package io.zonecast.model.pool;

/** A new version of the pools file was put in force; published after the swap. */
public record PoolsReloaded(PoolsChanges changes, PoolsFileHolder.Snapshot snapshot) {}
