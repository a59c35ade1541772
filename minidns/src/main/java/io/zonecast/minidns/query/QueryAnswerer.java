package io.zonecast.minidns.query;

import io.zonecast.minidns.protocol.Responses;
import io.zonecast.minidns.zonesource.CachedZoneLookup;
import io.zonecast.minidns.zonesource.ZoneHead;
import io.zonecast.minidns.zonesource.ZoneSource;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Authoritative answers (RFC 1034 section 4.3.2) for the zones MiniDNS holds: the SOA at the apex,
 * records by name and type, a CNAME in place of other types, NODATA and NXDOMAIN with the SOA in
 * the authority section (RFC 2308). REFUSED for names outside every zone.
 */
@Component
public class QueryAnswerer {

  private final ZoneSource zones;
  private final CachedZoneLookup lookup;

  public QueryAnswerer(ZoneSource zones, CachedZoneLookup lookup) {
    this.zones = zones;
    this.lookup = lookup;
  }

  public Message answer(Message query) {
    Record question = query.getQuestion();
    Name name = question.getName();
    int type = question.getType();
    Optional<ZoneHead> found = lookup.findZone(name);
    if (found.isEmpty()) {
      return Responses.answerTo(query, Rcode.REFUSED);
    }
    ZoneHead zone = found.get();
    Message response = Responses.answerTo(query, Rcode.NOERROR);
    response.getHeader().setFlag(Flags.AA);
    if (name.equals(zone.name()) && (type == Type.SOA || type == Type.ANY)) {
      response.addRecord(zone.soa(), Section.ANSWER);
      if (type == Type.SOA) {
        return response;
      }
    }
    List<Record> atName = zones.recordsAt(zone, name);
    boolean matched = false;
    for (Record record : atName) {
      if (record.getType() == type || type == Type.ANY) {
        response.addRecord(record, Section.ANSWER);
        matched = true;
      }
    }
    if (!matched) {
      for (Record record : atName) {
        if (record.getType() == Type.CNAME) {
          response.addRecord(record, Section.ANSWER);
          matched = true;
        }
      }
    }
    if (!matched
        && !name.equals(zone.name())
        && atName.isEmpty()
        && !zones.hasNamesBelow(zone, name)) {
      response.getHeader().setRcode(Rcode.NXDOMAIN);
    }
    if (!matched) {
      response.addRecord(negativeSoa(zone.soa()), Section.AUTHORITY);
    }
    return response;
  }

  /**
   * RFC 2308 section 3: the SOA of a negative answer has the TTL of the minimum of its own TTL and
   * its MINIMUM field, which is how long the negative answer may be cached.
   */
  static SOARecord negativeSoa(SOARecord soa) {
    long ttl = Math.min(soa.getTTL(), soa.getMinimum());
    if (ttl == soa.getTTL()) {
      return soa;
    }
    return new SOARecord(
        soa.getName(),
        soa.getDClass(),
        ttl,
        soa.getHost(),
        soa.getAdmin(),
        soa.getSerial(),
        soa.getRefresh(),
        soa.getRetry(),
        soa.getExpire(),
        soa.getMinimum());
  }
}
