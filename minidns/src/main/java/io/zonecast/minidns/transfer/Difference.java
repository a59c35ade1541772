package io.zonecast.minidns.transfer;

import io.zonecast.minidns.zonesource.JournalStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * The difference between two versions of a zone, condensed from the journal steps between them (RFC
 * 1995 section 5 allows a server to condense a sequence of differences): an RR added and later
 * removed is in neither list, an RR removed and later added back (same rdata and TTL) is in neither
 * either. Applied to the version at {@code from}'s serial it gives exactly the version at {@code
 * to}'s: every removed RR is there, no added RR is.
 */
record Difference(SOARecord from, SOARecord to, List<Record> removed, List<Record> added) {

  /**
   * The steps condensed into one difference; empty when they do not make one (no steps, or a step
   * without its old or new SOA).
   */
  static Optional<Difference> condense(List<JournalStep> steps) {
    if (steps.isEmpty()) {
      return Optional.empty();
    }
    Optional<SOARecord> from = soa(steps.getFirst().removed());
    Optional<SOARecord> to = soa(steps.getLast().added());
    if (from.isEmpty() || to.isEmpty()) {
      return Optional.empty();
    }
    Map<Rr, Record> removing = new LinkedHashMap<>();
    Map<Rr, Record> adding = new LinkedHashMap<>();
    for (JournalStep step : steps) {
      for (Record record : step.removed()) {
        if (!(record instanceof SOARecord) && adding.remove(Rr.of(record)) == null) {
          removing.put(Rr.of(record), record);
        }
      }
      for (Record record : step.added()) {
        if (!(record instanceof SOARecord) && removing.remove(Rr.of(record)) == null) {
          adding.put(Rr.of(record), record);
        }
      }
    }
    return Optional.of(
        new Difference(
            from.get(),
            to.get(),
            new ArrayList<>(removing.values()),
            new ArrayList<>(adding.values())));
  }

  private static Optional<SOARecord> soa(List<Record> records) {
    return records.stream()
        .filter(SOARecord.class::isInstance)
        .map(SOARecord.class::cast)
        .findFirst();
  }

  /**
   * One RR as a secondary holds it: dnsjava's {@link Record#equals} compares owner, type, class and
   * rdata with names canonical (RFC 4034 section 6.2), but not the TTL, which is part of the RR.
   */
  record Rr(Record record, long ttl) {
    static Rr of(Record record) {
      return new Rr(record, record.getTTL());
    }
  }
}
