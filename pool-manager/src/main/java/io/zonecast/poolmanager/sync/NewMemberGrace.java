package io.zonecast.poolmanager.sync;

import io.zonecast.model.pool.Pool;
import io.zonecast.poolmanager.target.Backends;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a zone that a catalog-consuming target answers SERVFAIL for is left to the target. Such a
 * target adds a new member of the catalog and queues its first transfer itself (RFC 9432 section
 * 5); until that transfer is done the zone answers SERVFAIL. A NOTIFY then only queues the transfer
 * again, and one per zone is a storm when a catalog of many new zones is being taken in (84,367
 * NOTIFYs in one round of the bench's 100,000 zones). So while a zone has been a member for less
 * than {@code grace} (since it was created: it joins its pool's catalog in the same transaction), a
 * SERVFAIL is taken for a transfer still in the queue; after that, for one that failed, and the
 * zone is NOTIFYd. Targets added zone by zone (rndc) get no grace: there the pool manager itself
 * made the zone, and its propagation round follows it.
 */
record NewMemberGrace(Duration grace, Clock clock) {

  /** True when the sync should NOTIFY {@code target} of a zone it has but cannot serve. */
  boolean notifyFailing(Pool.Target target, Instant memberSince) {
    return !Backends.consumesCatalog(target) || !memberSince.plus(grace).isAfter(clock.instant());
  }
}
