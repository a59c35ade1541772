package io.zonecast.poolmanager.propagation;

import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.poolmanager.PollStatus;
import io.zonecast.model.poolmanager.UpdateStatus;
import io.zonecast.model.serial.SerialNumber;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.poolmanager.consensus.ConsensusPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One change of one zone on its way to the pool's nameservers: the serial it must reach and, per
 * nameserver, the last thing the polls said. Only answers about this serial count, and a SUCCESS of
 * a poll for an older serial when the serial it saw is at least this one (RFC 1982 order, via
 * {@link SerialNumber}); so duplicates and late answers of superseded changes decide nothing.
 */
final class Propagation {

  enum Verdict {
    PENDING,
    SUCCESS,
    ERROR
  }

  private final RequestContext context;
  private final ZoneRef zone;
  private final ZoneAction action;
  private final List<String> nameservers;
  private final Instant startedAt;
  private final Map<String, Long> served = new LinkedHashMap<>();
  private final Map<String, Long> failed = new LinkedHashMap<>();
  private final Set<String> failedWithoutSerial = new LinkedHashSet<>();

  Propagation(RequestContext context, ZoneRef zone, ZoneAction action, List<String> nameservers) {
    this(context, zone, action, nameservers, Instant.now());
  }

  Propagation(
      RequestContext context,
      ZoneRef zone,
      ZoneAction action,
      List<String> nameservers,
      Instant startedAt) {
    this.context = context;
    this.zone = zone;
    this.action = action;
    this.nameservers = List.copyOf(nameservers);
    this.startedAt = startedAt;
  }

  RequestContext context() {
    return context;
  }

  ZoneRef zone() {
    return zone;
  }

  ZoneAction action() {
    return action;
  }

  Instant startedAt() {
    return startedAt;
  }

  /** RFC 1982 section 3.2: serials 2^31 apart are not ordered, so neither is older. */
  boolean isOlderThan(Propagation other) {
    return other.zone.serialNumber().isNewerThan(zone.serialNumber());
  }

  /** Takes one poll's answer into account and says where the propagation stands. */
  synchronized Verdict record(UpdateStatus status, ConsensusPolicy policy) {
    String nameserver = status.destination();
    if (!nameservers.contains(nameserver)) {
      return verdict(policy);
    }
    SerialNumber expected = zone.serialNumber();
    Long actual = status.actualSerial();
    if (status.status() == PollStatus.SUCCESS
        && actual != null
        && SerialNumber.of(actual).isAtLeast(expected)) {
      // a poll for an older serial that already sees this one (or newer) satisfies it too
      served.put(nameserver, actual);
      failed.remove(nameserver);
      failedWithoutSerial.remove(nameserver);
    } else if (status.status() == PollStatus.ERROR
        && status.zone().serial() == zone.serial()
        && !served.containsKey(nameserver)) {
      if (actual == null) {
        failedWithoutSerial.add(nameserver);
      } else {
        failed.put(nameserver, actual);
      }
    }
    return verdict(policy);
  }

  synchronized Verdict verdict(ConsensusPolicy policy) {
    int total = nameservers.size();
    if (policy.reached(served.size(), total)) {
      return Verdict.SUCCESS;
    }
    if (policy.unreachable(failed.size() + failedWithoutSerial.size(), total)) {
      return Verdict.ERROR;
    }
    return Verdict.PENDING;
  }

  /** Why this propagation failed, naming each nameserver and what it served. */
  synchronized String failureReport() {
    String stale =
        failed.entrySet().stream()
            .map(e -> e.getKey() + " serves serial " + e.getValue())
            .collect(Collectors.joining(", "));
    String silent =
        failedWithoutSerial.stream()
            .map(n -> n + " does not serve the zone")
            .collect(Collectors.joining(", "));
    String details =
        String.join(", ", List.of(stale, silent).stream().filter(s -> !s.isEmpty()).toList());
    return "serial " + zone.serial() + " not served by enough nameservers: " + details;
  }

  /** Why this propagation was given up, naming the nameservers that never answered. */
  synchronized String silenceReport(Duration waited) {
    List<String> silent =
        nameservers.stream()
            .filter(n -> !served.containsKey(n))
            .filter(n -> !failed.containsKey(n) && !failedWithoutSerial.contains(n))
            .toList();
    return "serial "
        + zone.serial()
        + ": no poll result within "
        + waited
        + " from "
        + String.join(", ", silent)
        + (served.isEmpty() ? "" : "; served by " + String.join(", ", served.keySet()));
  }
}
