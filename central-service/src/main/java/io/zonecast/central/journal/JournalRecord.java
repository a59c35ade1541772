package io.zonecast.central.journal;

import java.util.List;

/**
 * One resource record as MiniDNS serves it: absolute owner name, type, effective TTL (the
 * recordset's, else the zone's) and rdata in presentation format, as stored in {@code records}.
 */
public record JournalRecord(String name, String type, long ttl, String data) {

  /** The records of one recordset, each served with {@code ttl}. */
  public static List<JournalRecord> of(String name, String type, long ttl, List<String> data) {
    return data.stream().map(d -> new JournalRecord(name, type, ttl, d)).toList();
  }
}
