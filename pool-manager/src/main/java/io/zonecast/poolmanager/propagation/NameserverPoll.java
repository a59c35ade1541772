package io.zonecast.poolmanager.propagation;

import io.zonecast.model.poolmanager.PollStatus;
import io.zonecast.model.poolmanager.UpdateStatus;
import io.zonecast.model.serial.SerialNumber;
import java.time.Instant;

/**
 * What the pool manager knows about one nameserver of a zone's propagation: the poll in flight, if
 * any, the newest serial it was seen serving and the outcome of the answer to its newest poll.
 * Answers are merged so that their order does not matter: a late or duplicate answer never lowers
 * the serial seen nor overwrites the outcome of a newer poll (RFC 1982 order).
 */
final class NameserverPoll {

  private final String nameserver;
  private Long polledSerial;
  private Long lastSerial;
  private PollStatus lastOutcome;
  private Long answeredSerial;
  private Instant updatedAt;

  /** Why its newest poll failed, as MiniDNS said (not stored: only the answer at hand has it). */
  private String lastMessage;

  NameserverPoll(String nameserver) {
    this(nameserver, null, null, null, null, null);
  }

  NameserverPoll(
      String nameserver,
      Long polledSerial,
      Long lastSerial,
      PollStatus lastOutcome,
      Long answeredSerial,
      Instant updatedAt) {
    this.nameserver = nameserver;
    this.polledSerial = polledSerial;
    this.lastSerial = lastSerial;
    this.lastOutcome = lastOutcome;
    this.answeredSerial = answeredSerial;
    this.updatedAt = updatedAt;
  }

  void record(UpdateStatus status, Instant now) {
    long expected = status.zone().serial();
    if (polledSerial != null && polledSerial == expected) {
      polledSerial = null;
    }
    Long actual = status.actualSerial();
    if (actual != null && (lastSerial == null || newer(actual, lastSerial))) {
      lastSerial = actual;
    }
    if (answeredSerial == null || !newer(answeredSerial, expected)) {
      answeredSerial = expected;
      lastOutcome = status.status();
      lastMessage = status.message();
    }
    updatedAt = now;
  }

  /** A poll for {@code serial} is being cast. */
  void polling(long serial) {
    polledSerial = serial;
  }

  /** Forgets the poll in flight, so that a new one is cast (a restart re-casts lost polls). */
  void forgetPoll() {
    polledSerial = null;
  }

  /** Forgets what the answers said, so that only new answers decide (the change was re-sent). */
  void forgetAnswers() {
    polledSerial = null;
    lastSerial = null;
    lastOutcome = null;
    answeredSerial = null;
    lastMessage = null;
  }

  /** The spec's SUCCESS rule: a nameserver serving the serial or a newer one serves it. */
  boolean serves(long serial) {
    return lastSerial != null && !newer(serial, lastSerial);
  }

  /** Its poll for exactly this serial ran out of retries without seeing it. */
  boolean failed(long serial) {
    return lastOutcome == PollStatus.ERROR
        && answeredSerial != null
        && answeredSerial == serial
        && !serves(serial);
  }

  boolean polling() {
    return polledSerial != null;
  }

  /** How the failure reads in a report to central. */
  String failure() {
    String served =
        lastSerial == null
            ? nameserver + " does not serve the zone"
            : nameserver + " serves serial " + lastSerial;
    return lastMessage == null ? served : served + " (" + lastMessage + ")";
  }

  private static boolean newer(long a, long b) {
    return SerialNumber.of(a).isNewerThan(SerialNumber.of(b));
  }

  String nameserver() {
    return nameserver;
  }

  Long polledSerial() {
    return polledSerial;
  }

  Long lastSerial() {
    return lastSerial;
  }

  PollStatus lastOutcome() {
    return lastOutcome;
  }

  Long answeredSerial() {
    return answeredSerial;
  }

  Instant updatedAt() {
    return updatedAt;
  }
}
