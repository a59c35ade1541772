package io.zonecast.poolmanager.target;

import io.zonecast.model.zone.ZoneRef;

/** Provisions zones on one kind of secondary. Both calls are idempotent. */
public interface Backend {

  void createZone(ZoneRef zone) throws BackendException;

  void deleteZone(ZoneRef zone) throws BackendException;
}
