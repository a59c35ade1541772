package io.zonecast.poolmanager.propagation;

import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.poolmanager.UpdateStatus;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.poolmanager.consensus.ConsensusPolicy;
import io.zonecast.poolmanager.system.PoolManagerProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The propagations in progress, kept in PostgreSQL so that any pool-manager instance can take any
 * message about any zone and a restarted one carries on. Each step runs in one transaction holding
 * the zone row's lock ({@code SELECT ... FOR UPDATE}): two instances handling the same zone take
 * turns, and exactly one of them sees the step that decides it, so a verdict is reported once. What
 * the step decided ({@link Decision}) is carried out after the commit by the caller.
 */
@Component
class PropagationTracker {

  private static final Logger log = LoggerFactory.getLogger(PropagationTracker.class);

  private final PropagationRepository repository;
  private final TransactionTemplate transactions;
  private final ConsensusPolicy consensus;
  private final Duration window;
  private final Clock clock;

  @Autowired
  PropagationTracker(
      PropagationRepository repository,
      TransactionTemplate transactions,
      PoolManagerProperties properties,
      Clock clock) {
    this(
        repository,
        transactions,
        new ConsensusPolicy(properties.thresholdPercentage()),
        properties.coalesceWindow(),
        clock);
  }

  PropagationTracker(
      PropagationRepository repository,
      TransactionTemplate transactions,
      ConsensusPolicy consensus,
      Duration window,
      Clock clock) {
    this.repository = repository;
    this.transactions = transactions;
    this.consensus = consensus;
    this.window = window;
    this.clock = clock;
  }

  /** A change of a zone, to propagate to the given nameservers of its pool. */
  Decision changed(
      RequestContext context, ZoneRef zone, ZoneAction action, List<String> nameservers) {
    return transactions.execute(tx -> {
      Instant now = clock.instant();
      repository.insertIfAbsent(ZonePropagation.first(zone, action, context, now));
      ZonePropagation propagation = repository.lock(zone.id()).orElseThrow();
      Decision decision =
          withoutOutdatedReport(
              propagation,
              propagation.changed(context, zone, action, nameservers, now, window, consensus));
      repository.save(propagation);
      return decision;
    });
  }

  /** A poll's answer; an answer about a zone without propagation state changes nothing. */
  Decision answered(UpdateStatus status) {
    return inLock(status.zone().id(), p -> p.answered(status, clock.instant(), window, consensus));
  }

  /** The zone is being deleted; later messages about its older changes change nothing. */
  void deleted(RequestContext context, ZoneRef zone) {
    transactions.executeWithoutResult(tx -> {
      Instant now = clock.instant();
      repository.insertIfAbsent(ZonePropagation.first(zone, ZoneAction.DELETE, context, now));
      ZonePropagation propagation = repository.lock(zone.id()).orElseThrow();
      propagation.deleted(zone, context, now);
      repository.save(propagation);
    });
  }

  /** True once the zone's DELETE has been received, by this instance or another. */
  boolean isDeleted(ZoneRef zone) {
    return repository.isDeleted(zone.id());
  }

  /**
   * True when the zone's propagation state names another pool than {@code zone} and the zone is not
   * deleted: a pool move. A change naming the new pool adds the zone to its targets first; a DELETE
   * naming the old pool (sent once the new pool serves it) only removes it from the old pool.
   */
  boolean livesInAnotherPool(ZoneRef zone) {
    return repository.livesInAnotherPool(zone.id(), zone.poolId());
  }

  /** Rounds that waited for the coalescing window (or whose answers came in since) and are due. */
  List<Decision> dueRounds(int limit) {
    Instant due = clock.instant().minus(window);
    return eachInLock(
        repository.roundsAnsweredAndStartedBefore(due, limit),
        p -> p.roundIfDue(clock.instant(), window, consensus));
  }

  /** Every unfinished propagation's round, cast again: for an instance that just started. */
  List<Decision> resumeUnfinished() {
    return eachInLock(repository.propagating(), p -> p.resume(clock.instant(), window, consensus));
  }

  /** Propagations whose round got no verdict in {@code waited}: reported ERROR. */
  List<Decision> giveUpSilentFor(Duration waited) {
    Instant deadline = clock.instant().minus(waited);
    return eachInLock(
        repository.roundsStartedBefore(deadline), p -> p.giveUpIfSilentSince(deadline, waited));
  }

  /**
   * Forgets zones deleted longer ago than {@code kept}: by then no late message about them is
   * expected, and the table does not grow with every zone ever deleted.
   */
  int forgetDeletedFor(Duration kept) {
    return repository.forgetDeletedBefore(clock.instant().minus(kept));
  }

  /**
   * Forgets the propagations of zones central abandoned (Designate's abandon: the zone leaves
   * central's tables and nothing is sent here), so no round or verdict follows for them.
   */
  int forgetAbandoned() {
    return repository.forgetAbandoned();
  }

  /** The zone's propagation as last saved (for tests and diagnostics). */
  Optional<ZonePropagation> find(UUID zoneId) {
    return transactions.execute(tx -> repository.lock(zoneId));
  }

  /**
   * Reports only about the serial central has now: a verdict about a serial central has moved past
   * would be ignored there, and the newer change reaches this state soon (or central re-sends it).
   */
  private Decision withoutOutdatedReport(ZonePropagation propagation, Decision decision) {
    return decision
        .report()
        .filter(r -> repository.movedOnAtCentral(r.zone(), r.action()))
        .map(r -> {
          propagation.supersededAtCentral();
          log.debug(
              "{} of {} at serial {} not reported: central has moved on",
              r.outcome(),
              r.zone().name(),
              r.zone().serial());
          return new Decision(decision.round(), Optional.empty());
        })
        .orElse(decision);
  }

  private List<Decision> eachInLock(List<UUID> zoneIds, Function<ZonePropagation, Decision> step) {
    List<Decision> decisions = new ArrayList<>();
    for (UUID zoneId : zoneIds) {
      Decision decision = inLock(zoneId, step);
      if (!decision.equals(Decision.NOTHING)) {
        decisions.add(decision);
      }
    }
    return decisions;
  }

  private Decision inLock(UUID zoneId, Function<ZonePropagation, Decision> step) {
    return transactions.execute(tx -> {
      Optional<ZonePropagation> found = repository.lock(zoneId);
      if (found.isEmpty()) {
        return Decision.NOTHING;
      }
      Decision decision = withoutOutdatedReport(found.get(), step.apply(found.get()));
      repository.save(found.get());
      return decision;
    });
  }
}
