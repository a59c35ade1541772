package io.zonecast.central.zonefile;

import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A zone import or export as Designate keeps it (its {@code zone_tasks}): what it is about, how far
 * it got ({@code status} PENDING, COMPLETE or ERROR, with a {@code message}), and for an export
 * where its file is.
 */
record ZoneTask(
    UUID id,
    String projectId,
    Type type,
    Status status,
    String message,
    UUID zoneId,
    String location,
    int version,
    LocalDateTime createdAt,
    LocalDateTime updatedAt) {

  enum Type {
    IMPORT,
    EXPORT
  }

  enum Status {
    PENDING,
    COMPLETE,
    ERROR
  }
}
