package io.zonecast.central.zonefile;

import java.util.List;

/**
 * A zone file read into what zonecast stores: the zone (from the SOA) and its recordsets, apex SOA
 * and NS left out because zonecast manages them.
 *
 * @param name the zone's name, lower case, absolute
 * @param email the SOA RNAME as an address
 * @param ttl the SOA's TTL, which becomes the zone's
 * @param serial the SOA serial the file had
 * @param recordsets the recordsets, in the order the file first named them
 */
record ParsedZone(
    String name, String email, int ttl, long serial, List<ParsedRecordset> recordsets) {

  /**
   * @param ttl the recordset's own TTL, null when it is the zone's
   * @param data the rdata of its records, canonical, absolute names, no duplicates
   */
  record ParsedRecordset(String name, String type, Integer ttl, List<String> data) {}

  long recordCount() {
    return recordsets.stream().mapToLong(r -> r.data().size()).sum();
  }

  int largestRecordset() {
    return recordsets.stream().mapToInt(r -> r.data().size()).max().orElse(0);
  }
}
