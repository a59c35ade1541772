package io.zonecast.model.poolmanager;

import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;
import java.time.Instant;

/**
 * Event (central to pool manager), published from central's outbox after the change committed: a
 * zone was created, changed or deleted, and {@code zone.serial} is its serial after the change.
 */
public record ZoneChanged(
    RequestContext context, ZoneRef zone, ZoneAction action, Instant occurredAt) {

  public static final String TYPE = "pool_manager.zone_changed.v1";
}
