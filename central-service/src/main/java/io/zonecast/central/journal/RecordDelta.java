package io.zonecast.central.journal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RRs one change removes from what a zone serves and the RRs it adds, each list free of
 * duplicates, with nothing both removed and added: applied to the zone before the change it gives
 * exactly the zone after it, which is what an IXFR step (RFC 1995 section 4) needs.
 */
public record RecordDelta(List<JournalRecord> removed, List<JournalRecord> added) {

  public static final RecordDelta NONE = new RecordDelta(List.of(), List.of());

  public RecordDelta {
    removed = List.copyOf(removed);
    added = List.copyOf(added);
  }

  public static RecordDelta added(Collection<JournalRecord> records) {
    return between(List.of(), records);
  }

  public static RecordDelta removed(Collection<JournalRecord> records) {
    return between(records, List.of());
  }

  /** What turns {@code before} into {@code after}; RRs in both, compared canonically, cancel. */
  public static RecordDelta between(
      Collection<JournalRecord> before, Collection<JournalRecord> after) {
    Map<CanonicalRecord, JournalRecord> old = index(before);
    Map<CanonicalRecord, JournalRecord> fresh = index(after);
    List<JournalRecord> removed = new ArrayList<>();
    old.forEach((key, record) -> {
      if (!fresh.containsKey(key)) {
        removed.add(record);
      }
    });
    List<JournalRecord> added = new ArrayList<>();
    fresh.forEach((key, record) -> {
      if (!old.containsKey(key)) {
        added.add(record);
      }
    });
    return new RecordDelta(removed, added);
  }

  /** This delta and then {@code next}, as one delta. */
  public RecordDelta then(RecordDelta next) {
    Map<CanonicalRecord, JournalRecord> removing = index(removed);
    Map<CanonicalRecord, JournalRecord> adding = index(added);
    for (JournalRecord record : next.removed) {
      CanonicalRecord key = CanonicalRecord.of(record);
      if (adding.remove(key) == null) {
        removing.put(key, record);
      }
    }
    for (JournalRecord record : next.added) {
      CanonicalRecord key = CanonicalRecord.of(record);
      if (removing.remove(key) == null) {
        adding.put(key, record);
      }
    }
    return new RecordDelta(List.copyOf(removing.values()), List.copyOf(adding.values()));
  }

  public boolean isEmpty() {
    return removed.isEmpty() && added.isEmpty();
  }

  private static Map<CanonicalRecord, JournalRecord> index(Collection<JournalRecord> records) {
    Map<CanonicalRecord, JournalRecord> index = new LinkedHashMap<>();
    for (JournalRecord record : records) {
      index.putIfAbsent(CanonicalRecord.of(record), record);
    }
    return index;
  }
}
