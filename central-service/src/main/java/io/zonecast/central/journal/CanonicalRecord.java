package io.zonecast.central.journal;

import java.io.IOException;
import java.util.HexFormat;
import java.util.Locale;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * What makes two records the same RR on the wire: owner and rdata in canonical form (RFC 4034
 * section 6.2: names lower-cased, no compression), type and TTL. The presentation text in {@code
 * records.data} is not canonical ({@code MAIL.example.org.} and {@code mail.example.org.} are one
 * RR), and a TTL change makes a different RR, so a secondary is told to delete the old one and add
 * the new one.
 */
record CanonicalRecord(String name, int type, long ttl, String rdata) {

  static CanonicalRecord of(JournalRecord record) {
    int type = Type.value(record.type());
    try {
      Name owner = Name.fromString(record.name(), Name.root);
      Record parsed = Record.fromString(owner, type, DClass.IN, record.ttl(), record.data(), owner);
      return new CanonicalRecord(
          owner.canonicalize().toString(),
          type,
          record.ttl(),
          HexFormat.of().formatHex(parsed.rdataToWireCanonical()));
    } catch (IOException | RuntimeException e) {
      // stored rdata was checked by dnsjava when written; should one not parse, its text is its key
      return new CanonicalRecord(
          record.name().toLowerCase(Locale.ROOT), type, record.ttl(), "text:" + record.data());
    }
  }
}
