package io.zonecast.poolmanager.propagation;

import io.zonecast.model.central.ZoneStatusReport;
import io.zonecast.model.central.ZoneStatusReport.Outcome;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.poolmanager.UpdateStatus;
import io.zonecast.model.serial.SerialNumber;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.poolmanager.consensus.ConsensusPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The propagation of one zone: the newest serial received (the target), the round of NOTIFYs and
 * polls in flight and, per nameserver, what the polls said. Changes coalesce: a newer change only
 * raises the target while a round is in flight (or central is known to have a newer change on its
 * way, {@link State#SUPERSEDED}); when the round's answers are in, one new round casts the newest
 * serial, no sooner than {@code window} after the previous one. A change to a zone at rest goes out
 * at once. An answer that sees the target or newer satisfies it, whatever serial its poll expected
 * (spec server-pools-minidns-support: actual > expected is SUCCESS). Verdicts are only ever about
 * the target, so an answer about an old serial never decides a newer change.
 *
 * <p>Pure state and rules; {@link PropagationTracker} loads and saves it under a row lock.
 */
final class ZonePropagation {

  enum State {
    PROPAGATING,
    SUCCESS,
    ERROR,
    /**
     * The target was reached, but central has a newer change on its way here: that change waits for
     * the coalescing window like one arriving during a round.
     */
    SUPERSEDED,
    /** The zone was deleted: changes not newer than the delete are late and ignored. */
    DELETED
  }

  private final UUID zoneId;
  private String zoneName;
  private UUID poolId;
  private long targetSerial;
  private ZoneAction action;
  private RequestContext context;
  private State state;
  private Instant startedAt;
  private Instant roundStartedAt;
  private final Map<String, NameserverPoll> nameservers = new LinkedHashMap<>();

  ZonePropagation(
      ZoneRef zone,
      ZoneAction action,
      RequestContext context,
      State state,
      Instant startedAt,
      Instant roundStartedAt,
      List<NameserverPoll> polls) {
    this.zoneId = zone.id();
    this.zoneName = zone.name();
    this.poolId = zone.poolId();
    this.targetSerial = zone.serial();
    this.action = action;
    this.context = context;
    this.state = state;
    this.startedAt = startedAt;
    this.roundStartedAt = roundStartedAt;
    polls.forEach(p -> nameservers.put(p.nameserver(), p));
  }

  /** A propagation about to start: no round cast yet, no nameserver known. */
  static ZonePropagation first(
      ZoneRef zone, ZoneAction action, RequestContext context, Instant now) {
    return new ZonePropagation(zone, action, context, State.PROPAGATING, now, null, List.of());
  }

  /**
   * A change of the zone arrived. An older one is ignored; the same serial again (a redelivered or
   * re-sent change) starts over with fresh polls; a newer one becomes the target, cast at once when
   * no round is in flight, otherwise when the round in flight is answered.
   */
  Decision changed(
      RequestContext newContext,
      ZoneRef zone,
      ZoneAction newAction,
      List<String> poolNameservers,
      Instant now,
      Duration window,
      ConsensusPolicy policy) {
    SerialNumber incoming = zone.serialNumber();
    SerialNumber target = SerialNumber.of(targetSerial);
    if (target.isNewerThan(incoming) || (state == State.DELETED && !incoming.isNewerThan(target))) {
      return Decision.NOTHING;
    }
    if (state != State.PROPAGATING) {
      startedAt = now;
    }
    boolean again = incoming.equals(target);
    if (state == State.SUCCESS || state == State.ERROR) {
      // the zone was at rest: a change now is not part of a burst, so it goes out at once
      roundStartedAt = null;
    }
    targetSerial = zone.serial();
    zoneName = zone.name();
    poolId = zone.poolId();
    action = newAction;
    context = newContext;
    state = State.PROPAGATING;
    keepOnly(poolNameservers);
    if (again) {
      nameservers.values().forEach(NameserverPoll::forgetAnswers);
      roundStartedAt = null;
    }
    return decide(now, window, policy);
  }

  /** A poll answered (update_status). */
  Decision answered(UpdateStatus status, Instant now, Duration window, ConsensusPolicy policy) {
    NameserverPoll poll = nameservers.get(status.destination());
    if (poll == null) {
      return Decision.NOTHING;
    }
    poll.record(status, now);
    return state == State.PROPAGATING ? decide(now, window, policy) : Decision.NOTHING;
  }

  /** A round that had to wait for the window, or whose casts were lost, may be cast now. */
  Decision roundIfDue(Instant now, Duration window, ConsensusPolicy policy) {
    return state == State.PROPAGATING ? decide(now, window, policy) : Decision.NOTHING;
  }

  /**
   * After a restart nothing says the casts of the round in flight ever left (the instance may have
   * died between commit and cast): cast the round again now.
   */
  Decision resume(Instant now, Duration window, ConsensusPolicy policy) {
    if (state != State.PROPAGATING) {
      return Decision.NOTHING;
    }
    nameservers.values().forEach(NameserverPoll::forgetPoll);
    roundStartedAt = null;
    return decide(now, window, policy);
  }

  /**
   * Central has moved on from the serial this propagation just decided: its verdict is not
   * reported, and the newer change, when it arrives, joins the coalesced rounds.
   */
  void supersededAtCentral() {
    if (state == State.SUCCESS || state == State.ERROR) {
      state = State.SUPERSEDED;
    }
  }

  /** The zone is being deleted: nothing more to propagate, and older changes stay ignored. */
  void deleted(ZoneRef zone, RequestContext deleteContext, Instant now) {
    if (zone.serialNumber().isNewerThan(SerialNumber.of(targetSerial))) {
      targetSerial = zone.serial();
    }
    action = ZoneAction.DELETE;
    context = deleteContext;
    state = State.DELETED;
    roundStartedAt = null;
    startedAt = now;
    nameservers.clear();
  }

  /** Gives up a round unanswered since before the deadline; reports ERROR naming the silent. */
  Decision giveUpIfSilentSince(Instant deadline, Duration waited) {
    if (state != State.PROPAGATING
        || roundStartedAt == null
        || !roundStartedAt.isBefore(deadline)) {
      return Decision.NOTHING;
    }
    state = State.ERROR;
    List<String> silent =
        nameservers.values().stream()
            .filter(p -> !p.serves(targetSerial) && !p.failed(targetSerial))
            .map(NameserverPoll::nameserver)
            .toList();
    List<String> served =
        nameservers.values().stream()
            .filter(p -> p.serves(targetSerial))
            .map(NameserverPoll::nameserver)
            .toList();
    return Decision.report(
        report(
            Outcome.ERROR,
            "serial "
                + targetSerial
                + ": no poll result within "
                + waited
                + " from "
                + String.join(", ", silent)
                + (served.isEmpty() ? "" : "; served by " + String.join(", ", served))));
  }

  private Decision decide(Instant now, Duration window, ConsensusPolicy policy) {
    int total = nameservers.size();
    int served = 0;
    List<NameserverPoll> failed = new ArrayList<>();
    for (NameserverPoll poll : nameservers.values()) {
      if (poll.serves(targetSerial)) {
        served++;
      } else if (poll.failed(targetSerial)) {
        failed.add(poll);
      }
    }
    if (policy.reached(served, total)) {
      state = State.SUCCESS;
      return Decision.report(report(Outcome.SUCCESS, null));
    }
    if (policy.unreachable(failed.size(), total)) {
      state = State.ERROR;
      String details =
          failed.stream().map(NameserverPoll::failure).collect(Collectors.joining(", "));
      return Decision.report(
          report(
              Outcome.ERROR,
              "serial " + targetSerial + " not served by enough nameservers: " + details));
    }
    return nextRound(now, window);
  }

  private Decision nextRound(Instant now, Duration window) {
    if (nameservers.values().stream().anyMatch(NameserverPoll::polling)) {
      return Decision.NOTHING;
    }
    if (roundStartedAt != null && now.isBefore(roundStartedAt.plus(window))) {
      return Decision.NOTHING;
    }
    List<String> toPoll =
        nameservers.values().stream()
            .filter(p -> !p.serves(targetSerial) && !p.failed(targetSerial))
            .map(NameserverPoll::nameserver)
            .toList();
    roundStartedAt = now;
    toPoll.forEach(n -> nameservers.get(n).polling(targetSerial));
    return Decision.cast(new Decision.Round(context, zone(), toPoll));
  }

  private void keepOnly(List<String> poolNameservers) {
    nameservers.keySet().retainAll(poolNameservers);
    for (String nameserver : poolNameservers) {
      nameservers.computeIfAbsent(nameserver, NameserverPoll::new);
    }
  }

  private ZoneStatusReport report(Outcome outcome, String message) {
    return new ZoneStatusReport(context, zone(), action, outcome, message);
  }

  ZoneRef zone() {
    return new ZoneRef(zoneId, zoneName, poolId, targetSerial);
  }

  UUID zoneId() {
    return zoneId;
  }

  ZoneAction action() {
    return action;
  }

  RequestContext context() {
    return context;
  }

  State state() {
    return state;
  }

  Instant startedAt() {
    return startedAt;
  }

  Instant roundStartedAt() {
    return roundStartedAt;
  }

  List<NameserverPoll> nameservers() {
    return List.copyOf(nameservers.values());
  }
}
