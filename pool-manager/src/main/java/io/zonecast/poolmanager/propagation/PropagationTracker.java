package io.zonecast.poolmanager.propagation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The propagations in progress, at most one per zone: the newest change of a zone replaces an older
 * one (RFC 1982 serial order), never the reverse, and a propagation that ended is forgotten. Kept
 * in memory in this version ({@link InMemoryPropagationTracker}); a persistent one can take its
 * place behind this interface.
 */
interface PropagationTracker {

  /**
   * Starts tracking. A change at the same serial as the tracked one starts over (a redelivered or
   * re-sent change casts its polls again).
   *
   * @return false, tracking nothing, when a newer change of the zone is already being propagated
   */
  boolean begin(Propagation propagation);

  /** The propagation in progress for the zone, if any. */
  Optional<Propagation> get(UUID zoneId);

  /**
   * Stops tracking this very propagation.
   *
   * @return true only for the one caller that ended it, so a verdict is reported once; false when
   *     it ended already or a newer change replaced it
   */
  boolean end(Propagation propagation);

  /** Stops tracking whatever the zone had in progress (the zone is being deleted). */
  void cancel(UUID zoneId);

  /** The propagations that started before the instant, oldest first. */
  List<Propagation> startedBefore(Instant instant);

  int size();
}
