package io.zonecast.central.secondary;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A SECONDARY zone as the pull needs it: its masters in order ({@code host:port}), the serial it
 * holds (its master's), whether it was ever transferred, and its refresh timers (seconds; null
 * before the first transfer).
 */
record SecondaryZoneRow(
    UUID id,
    String name,
    UUID poolId,
    String projectId,
    long serial,
    List<String> masters,
    LocalDateTime transferredAt,
    String status,
    String action,
    Long refresh,
    Long retry,
    Long expire) {

  boolean everTransferred() {
    return transferredAt != null;
  }

  boolean beingDeleted() {
    return "DELETE".equals(action);
  }
}
