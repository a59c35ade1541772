package io.zonecast.poolmanager.propagation;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * {@link PropagationTracker} in memory: what was in progress is lost on restart (central's recovery
 * re-sends changes of zones left PENDING), so one pool-manager instance serves a pool.
 */
@Component
class InMemoryPropagationTracker implements PropagationTracker {

  private final ConcurrentMap<UUID, Propagation> byZone = new ConcurrentHashMap<>();

  @Override
  public boolean begin(Propagation propagation) {
    Propagation result =
        byZone.merge(
            propagation.zone().id(),
            propagation,
            (current, next) -> next.isOlderThan(current) ? current : next);
    return result == propagation;
  }

  @Override
  public Optional<Propagation> get(UUID zoneId) {
    return Optional.ofNullable(byZone.get(zoneId));
  }

  @Override
  public boolean end(Propagation propagation) {
    return byZone.remove(propagation.zone().id(), propagation);
  }

  @Override
  public void cancel(UUID zoneId) {
    byZone.remove(zoneId);
  }

  @Override
  public List<Propagation> startedBefore(Instant instant) {
    return byZone.values().stream()
        .filter(p -> p.startedAt().isBefore(instant))
        .sorted(Comparator.comparing(Propagation::startedAt))
        .toList();
  }

  @Override
  public int size() {
    return byZone.size();
  }
}
