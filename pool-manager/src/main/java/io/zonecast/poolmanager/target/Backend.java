package io.zonecast.poolmanager.target;

import io.zonecast.model.zone.ZoneRef;

/**
 * Provisions zones on one target, a secondary that then pulls the zone from MiniDNS. Both calls are
 * idempotent: creating a zone that exists or deleting one that does not succeeds. A call may block
 * (a program runs, a server answers), so callers run it off the message listener.
 */
public interface Backend {

  void createZone(ZoneRef zone) throws BackendException;

  void deleteZone(ZoneRef zone) throws BackendException;
}
