package io.zonecast.minidns.poll;

import io.zonecast.model.serial.SerialNumber;
import java.util.OptionalLong;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/** Reading a nameserver's SOA answer, and the spec's "Return Values" table. */
final class PollAnswer {

  private PollAnswer() {}

  /**
   * The serial a nameserver serves for {@code zone}: only from an authoritative NOERROR answer with
   * the zone's SOA. REFUSED, NXDOMAIN, NOTAUTH or a non-authoritative answer mean it does not serve
   * the zone (yet), which is not a serial at all.
   */
  static OptionalLong servedSerial(Message response, Name zone) {
    if (response == null
        || response.getRcode() != Rcode.NOERROR
        || !response.getHeader().getFlag(Flags.AA)) {
      return OptionalLong.empty();
    }
    for (Record record : response.getSection(Section.ANSWER)) {
      if (record instanceof SOARecord soa && soa.getName().equals(zone)) {
        return OptionalLong.of(soa.getSerial());
      }
    }
    return OptionalLong.empty();
  }

  /**
   * The spec: actual = expected and actual > expected are SUCCESS; actual < expected polls again.
   * "Greater" is RFC 1982 serial arithmetic, so a serial that wrapped past 2^32 is newer.
   */
  static boolean satisfies(long actual, long expected) {
    return SerialNumber.of(actual).isAtLeast(SerialNumber.of(expected));
  }
}
