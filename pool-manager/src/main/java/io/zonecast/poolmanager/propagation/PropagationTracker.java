package io.zonecast.poolmanager.propagation;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * The propagations in progress, one per zone: the newest change of a zone replaces an older one
 * (coalescing), never the reverse. Kept in memory in this version, so one pool-manager instance
 * serves a pool.
 */
@Component
class PropagationTracker {

  private final ConcurrentMap<UUID, Propagation> byZone = new ConcurrentHashMap<>();

  /** Starts tracking; false when a newer change of the zone is already being propagated. */
  boolean begin(Propagation propagation) {
    UUID id = propagation.zone().id();
    Propagation result =
        byZone.merge(
            id,
            propagation,
            (current, next) ->
                next.isNewerThan(current) || next.zone().serial() == current.zone().serial()
                    ? next
                    : current);
    return result == propagation;
  }

  Optional<Propagation> get(UUID zoneId) {
    return Optional.ofNullable(byZone.get(zoneId));
  }

  /** Stops tracking; true only for the caller that ended it (so one verdict is reported once). */
  boolean end(Propagation propagation) {
    return byZone.remove(propagation.zone().id(), propagation);
  }

  void cancel(UUID zoneId) {
    byZone.remove(zoneId);
  }

  int size() {
    return byZone.size();
  }
}
