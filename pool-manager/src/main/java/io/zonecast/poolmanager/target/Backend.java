package io.zonecast.poolmanager.target;

import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.ZoneRef;
import java.util.List;
import java.util.Optional;

/**
 * Provisions zones on one target, a secondary that then pulls the zone from MiniDNS. Both calls are
 * idempotent: creating a zone that exists or deleting one that does not succeeds. A call may block
 * (a program runs, a server answers), so callers run it off the message listener.
 */
public interface Backend {

  void createZone(ZoneRef zone) throws BackendException;

  void deleteZone(ZoneRef zone) throws BackendException;

  /**
   * Points what the target already has at its masters' current addresses: a master's host name
   * resolves elsewhere now, or the pools file gave the target other masters. Does what is done once
   * per target (knot: its remotes' addresses) and returns what each zone of the pool on the target
   * still needs, when the target keeps the primaries per zone (bind9: {@code modzone}); empty when
   * nothing per zone is left. Idempotent, as is the step.
   *
   * @param mastersBefore the masters the zones were given (the target's own masters when only their
   *     addresses moved)
   */
  Optional<ZoneStep> followMasters(List<Pool.HostPort> mastersBefore) throws BackendException;

  /**
   * What {@link #followMasters}' step gives every zone now, written as the target keeps it (bind9:
   * the primaries clause, with the masters' current addresses); empty when the target keeps no
   * primaries per zone. Two equal answers mean a zone pointed by the first needs no step.
   */
  default Optional<String> zonePrimaries() throws BackendException {
    return Optional.empty();
  }

  /**
   * Why the target refused the zone at {@code zone.serial()}, when it can tell: it received that
   * serial's transfer and did not load it (BIND: a recordset over its {@code
   * max-records-per-type}). Empty when it did not, or when the target cannot say. Asked once a
   * propagation failed, to name the cause in the zone's {@code status_message}.
   */
  default Optional<String> refusal(ZoneRef zone) throws BackendException {
    return Optional.empty();
  }

  /** One zone's part of {@link #followMasters}; a zone the target does not have is left alone. */
  @FunctionalInterface
  interface ZoneStep {
    void apply(ZoneRef zone) throws BackendException;
  }
}
