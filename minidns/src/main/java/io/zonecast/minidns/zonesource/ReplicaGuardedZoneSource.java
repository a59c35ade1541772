package io.zonecast.minidns.zonesource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * Reads zones from a read replica (a streaming standby), never older than {@link SerialMarks}: when
 * the replica's answer is behind the mark of the zone (the replica has not replayed the change this
 * MiniDNS was asked to NOTIFY or poll for), the primary answers instead. So a secondary is never
 * told an older serial than the one it was notified of, and a poll never sees one because of the
 * replica. A zone the replica does not have is looked up on the primary too (it may have just been
 * created). A replica that fails is left alone for {@code pauseAfterFailure} and the primary
 * answers.
 *
 * <p>Counted in {@code zonecast.minidns.replica.reads}, by outcome: {@code replica} (answered from
 * the replica), {@code behind} (the replica was behind a mark; answered from the primary), {@code
 * missing} (the replica has no such zone; answered from the primary), {@code unavailable} (the
 * replica failed or is paused after a failure; answered from the primary).
 */
final class ReplicaGuardedZoneSource implements ZoneSource, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReplicaGuardedZoneSource.class);

  private final ZoneSource primary;
  private final ZoneSource replica;
  private final AutoCloseable replicaConnections;
  private final SerialMarks marks;
  private final long pauseNanos;
  private final LongSupplier clock;
  private final Counter fromReplica;
  private final Counter behind;
  private final Counter missing;
  private final Counter unavailable;

  /**
   * Zones whose head was last read from the primary because the replica was behind, with that
   * head's serial: their records must come from the primary too, to match it.
   */
  private final ConcurrentHashMap<Name, Long> aheadOfReplica = new ConcurrentHashMap<>();

  private volatile long pausedUntil;
  private volatile boolean paused;

  ReplicaGuardedZoneSource(
      ZoneSource primary,
      ZoneSource replica,
      AutoCloseable replicaConnections,
      SerialMarks marks,
      MeterRegistry meters,
      Duration pauseAfterFailure,
      LongSupplier clock) {
    this.primary = primary;
    this.replica = replica;
    this.replicaConnections = replicaConnections;
    this.marks = marks;
    this.pauseNanos = pauseAfterFailure.toNanos();
    this.clock = clock;
    this.fromReplica = counter(meters, "replica");
    this.behind = counter(meters, "behind");
    this.missing = counter(meters, "missing");
    this.unavailable = counter(meters, "unavailable");
  }

  private static Counter counter(MeterRegistry meters, String outcome) {
    return Counter.builder("zonecast.minidns.replica.reads")
        .description(
            "zone reads (SOA, AXFR, IXFR, queries) by where they were answered from: the read"
                + " replica, or the primary because the replica was behind, lacked the zone or"
                + " failed")
        .tag("outcome", outcome)
        .register(meters);
  }

  @Override
  public Optional<ZoneHead> findZone(Name name) {
    if (replicaPaused()) {
      unavailable.increment();
      return primary.findZone(name);
    }
    Optional<ZoneHead> read;
    try {
      read = replica.findZone(name);
    } catch (RuntimeException e) {
      failed(e);
      return primary.findZone(name);
    }
    // a zone the replica does not have (yet) may be one just created: the pool manager adds it to
    // the secondaries, which transfer it at once, before any NOTIFY or poll for it arrives here
    if (read.isEmpty() || marks.behind(name, read)) {
      (read.isEmpty() ? missing : behind).increment();
      Optional<ZoneHead> truth = primary.findZone(name);
      marks.settle(name, truth);
      truth.ifPresent(zone -> aheadOfReplica.put(zone.name(), zone.serial()));
      return truth;
    }
    fromReplica.increment();
    aheadOfReplica.remove(read.get().name());
    return read;
  }

  @Override
  public List<Record> recordsAt(ZoneHead zone, Name name) {
    return recordsOf(zone, source -> source.recordsAt(zone, name));
  }

  @Override
  public boolean hasNamesBelow(ZoneHead zone, Name name) {
    return recordsOf(zone, source -> source.hasNamesBelow(zone, name));
  }

  /** From the source the head came from, as far as known; the primary when the replica fails. */
  private <T> T recordsOf(ZoneHead zone, Function<ZoneSource, T> read) {
    Long ahead = aheadOfReplica.get(zone.name());
    if (replicaPaused() || (ahead != null && ahead == zone.serial())) {
      return read.apply(primary);
    }
    try {
      return read.apply(replica);
    } catch (RuntimeException e) {
      failed(e);
      return read.apply(primary);
    }
  }

  /**
   * The snapshot of the replica when its head is not behind a mark, else the primary's. Once the
   * work has started on the replica's snapshot (a transfer may have sent part of the zone) a
   * failure is not retried on the primary.
   */
  @Override
  public <T> Optional<T> inSnapshot(Name apex, Function<ZoneSnapshot, T> work) {
    if (replicaPaused()) {
      unavailable.increment();
      return primary.inSnapshot(apex, work);
    }
    boolean[] started = {false};
    Optional<Attempt<T>> attempt;
    try {
      attempt =
          replica.inSnapshot(
              apex,
              snapshot -> {
                if (marks.behind(apex, Optional.of(snapshot.head()))) {
                  return Attempt.<T>behindMark();
                }
                started[0] = true;
                return new Attempt<>(false, work.apply(snapshot));
              });
    } catch (RuntimeException e) {
      if (started[0]) {
        throw e;
      }
      failed(e);
      return primary.inSnapshot(apex, work);
    }
    if (attempt.isEmpty()) {
      missing.increment();
      return primary.inSnapshot(apex, work);
    }
    if (attempt.isPresent() && attempt.get().behind()) {
      behind.increment();
      return primary.inSnapshot(apex, work);
    }
    fromReplica.increment();
    return attempt.map(Attempt::value);
  }

  /** What the work returned on the replica's snapshot, or that the replica was behind. */
  private record Attempt<T>(boolean behind, T value) {
    static <T> Attempt<T> behindMark() {
      return new Attempt<>(true, null);
    }
  }

  private boolean replicaPaused() {
    if (!paused) {
      return false;
    }
    if (clock.getAsLong() - pausedUntil < 0) {
      return true;
    }
    paused = false;
    log.info("reading from the replica again");
    return false;
  }

  private void failed(RuntimeException e) {
    unavailable.increment();
    pausedUntil = clock.getAsLong() + pauseNanos;
    paused = true;
    log.warn(
        "the read replica failed ({}); reading from the primary for the next {} ms",
        e.toString(),
        pauseNanos / 1_000_000);
  }

  @Override
  public void close() throws Exception {
    replicaConnections.close();
  }
}
