package io.zonecast.minidns.zonesource;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/** Read-only access to the zones in the database, in DNS terms. */
public interface ZoneSource {

  /** The zone holding {@code name}: the one whose apex is the longest suffix of it. */
  Optional<ZoneHead> findZone(Name name);

  /** The records at {@code name} in the zone, all types, SOA excluded. */
  List<Record> recordsAt(ZoneHead zone, Name name);

  /** True when some record lies below {@code name} (an empty non-terminal, RFC 8020). */
  boolean hasNamesBelow(ZoneHead zone, Name name);

  /**
   * Runs {@code work} on one consistent snapshot of the zone at {@code apex} (RFC 5936 section 6,
   * RFC 1995: a transfer never mixes two versions); empty when no zone has that apex.
   */
  <T> Optional<T> inSnapshot(Name apex, Function<ZoneSnapshot, T> work);

  /**
   * Streams a whole zone from one consistent snapshot: the head (whose serial matches the records)
   * first, then every record except the SOA. Returns false when the zone does not exist.
   */
  default boolean streamZone(Name apex, Consumer<ZoneHead> head, Consumer<Record> records) {
    return inSnapshot(
            apex,
            snapshot -> {
              head.accept(snapshot.head());
              snapshot.streamRecords(records);
              return true;
            })
        .isPresent();
  }
}
