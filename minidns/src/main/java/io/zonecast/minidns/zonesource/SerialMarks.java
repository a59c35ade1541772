package io.zonecast.minidns.zonesource;

import io.zonecast.model.serial.SerialNumber;
import io.zonecast.model.zone.ZoneRef;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The newest serial of each zone this MiniDNS was asked to NOTIFY or poll for: a high-water mark no
 * answer may fall below. A read replica that is behind a mark is not used for that zone (see {@link
 * ReplicaGuardedZoneSource}). Marks are kept by apex, with the zone's id, so a zone deleted and
 * created again under the same name is not held to its predecessor's serial.
 */
@Component
public class SerialMarks {

  /** The zone with id {@code zone} has reached {@code serial}. */
  record Mark(UUID zone, long serial) {}

  private final ConcurrentHashMap<Name, Mark> marks = new ConcurrentHashMap<>();

  /** The zone has reached {@code zone.serial()}; an older mark is raised, a newer one kept. */
  public void raise(ZoneRef zone) {
    Name apex;
    try {
      apex = Name.fromString(zone.name(), Name.root);
    } catch (TextParseException e) {
      return; // no answer can be about a name that does not parse
    }
    Mark mark = new Mark(zone.id(), zone.serial());
    marks.merge(
        apex,
        mark,
        (old, raised) ->
            !old.zone().equals(raised.zone())
                    || SerialNumber.of(raised.serial()).isNewerThan(SerialNumber.of(old.serial()))
                ? raised
                : old);
  }

  /**
   * True when {@code found}, the zone a source gives for {@code name}, is older than a mark: no
   * zone although one holding the name is marked, a less specific zone than a marked one, another
   * zone of the marked name, or the marked zone at an older serial (RFC 1982).
   */
  boolean behind(Name name, Optional<ZoneHead> found) {
    int foundLabels = found.map(z -> z.name().labels()).orElse(0);
    for (int labels = name.labels(); labels > foundLabels; labels--) {
      if (marks.containsKey(suffix(name, labels))) {
        return true;
      }
    }
    if (found.isEmpty()) {
      return false;
    }
    ZoneHead zone = found.get();
    Mark mark = marks.get(zone.name());
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
