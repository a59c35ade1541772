package io.zonecast.minidns.zonesource;

import java.util.List;
import org.xbill.DNS.Record;

/**
 * One change of a zone, from the journal: it went from {@code oldSerial} to {@code newSerial} by
 * removing and adding these RRs; the old SOA is among the removed ones and the new SOA among the
 * added ones.
 */
public record JournalStep(
    long oldSerial, long newSerial, List<Record> removed, List<Record> added) {

  public JournalStep {
    removed = List.copyOf(removed);
    added = List.copyOf(added);
  }
}
