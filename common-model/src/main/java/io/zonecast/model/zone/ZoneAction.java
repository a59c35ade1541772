package io.zonecast.model.zone;

/** What is being done to a zone, as Designate's zone {@code action} field. */
public enum ZoneAction {
  CREATE,
  UPDATE,
  DELETE,
  NONE
}
