package io.zonecast.minidns.catalog;

import io.zonecast.minidns.zonesource.CatalogMembership;
import io.zonecast.minidns.zonesource.ZoneHead;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/**
 * One pool's catalog zone as RFC 9432 (version 2) lays it out: an SOA and an NS to {@code invalid.}
 * at the apex, TXT "2" at {@code version.<apex>}, and one PTR per member zone at {@code
 * <zone-id>.zones.<apex>}. The zone id is the member's unique label, so a zone deleted and created
 * again is a new member (RFC 9432 section 4.1) and its consumer starts it afresh.
 */
public record CatalogZone(Name apex, UUID poolId, int refresh) {

  static final Name INVALID = Name.fromConstantString("invalid.");

  /** A catalog's records carry TTL 0: RFC 9432 section 4 gives them no meaning. */
  static final long TTL = 0;

  /** How long a consumer keeps the catalog when MiniDNS cannot be reached: four weeks. */
  static final long EXPIRE = 2_419_200;

  /** The longest apex that leaves room for {@code <36-character id>.zones.} (255 octets in all). */
  static final int MAX_APEX_LENGTH = 255 - 37 - 6;

  public CatalogZone {
    if (apex.length() > MAX_APEX_LENGTH) {
      throw new IllegalArgumentException(
          "catalog zone name " + apex + " is too long: member names would exceed 255 octets");
    }
  }

  public boolean holds(Name name) {
    return name.subdomain(apex);
  }

  public ZoneHead head(long serial) {
    SOARecord soa =
        new SOARecord(apex, DClass.IN, TTL, INVALID, INVALID, serial, refresh, refresh, EXPIRE, 0);
    return new ZoneHead(poolId, apex, serial, soa);
  }

  /** Every record of the catalog except the SOA, members in the given order. */
  public List<Record> records(CatalogMembership membership) {
    List<Record> records = new ArrayList<>();
    streamRecords(membership, records::add);
    return records;
  }

  /**
   * Hands every record of the catalog except the SOA on, the apex's first and then one per member
   * as the membership streams them, so no transfer holds the whole catalog.
   */
  public void streamRecords(CatalogMembership membership, Consumer<Record> records) {
    records.accept(new NSRecord(apex, DClass.IN, TTL, INVALID));
    records.accept(new TXTRecord(relative("version"), DClass.IN, TTL, "2"));
    Name zones = relative("zones");
    membership.streamMembers(member ->
        records.accept(
            new PTRRecord(
                below(member.id().toString(), zones), DClass.IN, TTL, absolute(member.name()))));
  }

  private Name relative(String labels) {
    return below(labels, apex);
  }

  private static Name below(String labels, Name origin) {
    try {
      return Name.concatenate(Name.fromString(labels), origin);
    } catch (TextParseException | org.xbill.DNS.NameTooLongException e) {
      throw new IllegalStateException("cannot name " + labels + " in catalog " + origin, e);
    }
  }

  private static Name absolute(String name) {
    try {
      return Name.fromString(name, Name.root);
    } catch (TextParseException e) {
      throw new IllegalStateException("bad member zone name " + name, e);
    }
  }
}
