package io.zonecast.minidns.zonesource;

import io.zonecast.minidns.system.MiniDnsProperties;
import io.zonecast.model.serial.SerialNumber;
import io.zonecast.model.zone.ZoneRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The newest serial of each zone this MiniDNS was asked to NOTIFY or poll for: a high-water mark no
 * answer may fall below. A read replica that is behind a mark is not used for that zone (see {@link
 * ReplicaGuardedZoneSource}). Marks are kept by apex, with the zone's id, so a zone deleted and
 * created again under the same name is not held to its predecessor's serial.
 *
 * <p>Bounded ({@code zonecast.minidns.serial-marks.*}): a mark counts for {@code max-age} after it
 * was raised (a replica that has not replayed a change by then is broken, not lagging), and at most
 * {@code max-entries} are kept, the oldest dropped first. A dropped mark only lets a replica answer
 * that zone again; marks are dropped when more are raised, so the sweep costs nothing when idle.
 */
@Component
public class SerialMarks {

  /** The zone with id {@code zone} has reached {@code serial}, as told at {@code raisedAt}. */
  record Mark(UUID zone, long serial, long raisedAt) {}

  private final ConcurrentHashMap<Name, Mark> marks = new ConcurrentHashMap<>();
  private final long maxAgeNanos;
  private final int maxEntries;
  private final LongSupplier nanos;
  private volatile long sweptAt;

  @Autowired
  public SerialMarks(MiniDnsProperties properties) {
    this(
        properties.serialMarks().maxAge(), properties.serialMarks().maxEntries(), System::nanoTime);
  }

  SerialMarks(Duration maxAge, int maxEntries, LongSupplier nanos) {
    this.maxAgeNanos = maxAge.toNanos();
    this.maxEntries = maxEntries;
    this.nanos = nanos;
    this.sweptAt = nanos.getAsLong();
  }

  /** The zone has reached {@code zone.serial()}; an older mark is raised, a newer one kept. */
  public void raise(ZoneRef zone) {
    Name apex;
    try {
      apex = Name.fromString(zone.name(), Name.root);
    } catch (TextParseException e) {
      return; // no answer can be about a name that does not parse
    }
    long now = nanos.getAsLong();
    Mark mark = new Mark(zone.id(), zone.serial(), now);
    marks.merge(
        apex,
        mark,
        (old, raised) ->
            expired(old, now)
                    || !old.zone().equals(raised.zone())
                    || SerialNumber.of(raised.serial()).isNewerThan(SerialNumber.of(old.serial()))
                ? raised
                : old);
    if (marks.size() > maxEntries || now - sweptAt > maxAgeNanos) {
      sweep(now);
    }
  }

  /** Drops the expired marks, then the oldest while more than {@code max-entries} are left. */
  private synchronized void sweep(long now) {
    sweptAt = now;
    marks.entrySet().removeIf(e -> expired(e.getValue(), now));
    int excess = marks.size() - maxEntries;
    if (excess <= 0) {
      return;
    }
    // a quarter below the bound, so that the next sweep is that many raises away
    int drop = excess + maxEntries / 4;
    List<Map.Entry<Name, Mark>> oldest = new ArrayList<>(marks.entrySet());
    oldest.sort(Comparator.comparingLong(e -> e.getValue().raisedAt() - now));
    for (Map.Entry<Name, Mark> entry : oldest.subList(0, Math.min(drop, oldest.size()))) {
      marks.remove(entry.getKey(), entry.getValue());
    }
  }

  private boolean expired(Mark mark, long now) {
    return now - mark.raisedAt() > maxAgeNanos;
  }

  /** The mark of {@code apex} if it still counts. */
  private Mark mark(Name apex) {
    Mark mark = marks.get(apex);
    return mark == null || expired(mark, nanos.getAsLong()) ? null : mark;
  }

  /**
   * True when {@code found}, the zone a source gives for {@code name}, is older than a mark: no
   * zone although one holding the name is marked, a less specific zone than a marked one, another
   * zone of the marked name, or the marked zone at an older serial (RFC 1982).
   */
  boolean behind(Name name, Optional<ZoneHead> found) {
    int foundLabels = found.map(z -> z.name().labels()).orElse(0);
    for (int labels = name.labels(); labels > foundLabels; labels--) {
      if (mark(suffix(name, labels)) != null) {
        return true;
      }
    }
    if (found.isEmpty()) {
      return false;
    }
    ZoneHead zone = found.get();
    Mark mark = mark(zone.name());
    return mark != null
        && (!mark.zone().equals(zone.id())
            || SerialNumber.of(mark.serial()).isNewerThan(SerialNumber.of(zone.serial())));
  }

  /**
   * Drops the marks that {@code truth}, the primary's answer for {@code name}, shows to belong to a
   * zone that no longer exists (deleted, or replaced by one of the same name), so that they stop
   * sending every read of those names to the primary. A mark raised meanwhile is kept.
   */
  void settle(Name name, Optional<ZoneHead> truth) {
    int truthLabels = truth.map(z -> z.name().labels()).orElse(0);
    for (int labels = name.labels(); labels >= Math.max(truthLabels, 1); labels--) {
      Name apex = suffix(name, labels);
      Mark mark = marks.get(apex);
      if (mark == null) {
        continue;
      }
      boolean stillThere = labels == truthLabels && truth.get().id().equals(mark.zone());
      if (!stillThere) {
        marks.remove(apex, mark);
      }
    }
  }

  /** How many zones have a mark. */
  int size() {
    return marks.size();
  }

  private static Name suffix(Name name, int labels) {
    return labels == name.labels() ? name : new Name(name, name.labels() - labels);
  }
}
