package io.zonecast.model.zone;

/** A zone's status as users see it, as Designate's zone {@code status} field. */
public enum ZoneStatus {
  ACTIVE,
  PENDING,
  ERROR,
  DELETED
}
