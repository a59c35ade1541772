package io.zonecast.minidns.zonesource;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.xbill.DNS.Record;

/** One zone as of one consistent snapshot of the database: its head, records and journal agree. */
public interface ZoneSnapshot {

  ZoneHead head();

  /** Every record of the zone except the SOA. */
  void streamRecords(Consumer<Record> records);

  /**
   * The journal's steps from {@code serial} to the head's serial, oldest first, each starting where
   * the one before ended; empty when the journal does not reach back to {@code serial} (compacted,
   * never a serial of this zone) or is not usable.
   */
  Optional<List<JournalStep>> journalFrom(long serial);
}
