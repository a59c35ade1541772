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

/**
 * The spec's "Return Values" table for {@code poll_for_serial_number}, as a pure function of one
 * attempt's answer:
 *
 * <table>
 *   <tr><th>answer</th><th>verdict</th></tr>
 *   <tr><td>actual = expected</td><td>SUCCESS(actual)</td></tr>
 *   <tr><td>actual newer than expected (RFC 1982)</td><td>SUCCESS(actual)</td></tr>
 *   <tr><td>actual older</td><td>retry; on the last attempt ERROR(actual)</td></tr>
 *   <tr><td>no serial (timeout, REFUSED, NXDOMAIN, NOTAUTH, not authoritative)</td>
 *       <td>retry; on the last attempt ERROR(the older serial seen before, else null)</td></tr>
 * </table>
 */
final class PollRules {

  private PollRules() {}

  /** What to do after one attempt. */
  sealed interface Verdict {

    /** The destination serves the expected serial or a newer one. */
    record Success(long actual) implements Verdict {}

    /** Poll again; {@code olderSeen} is the latest older serial seen so far, or null. */
    record Retry(Long olderSeen) implements Verdict {}

    /** Out of attempts; {@code actual} is the latest older serial seen, or null for none. */
    record Error(Long actual) implements Verdict {}
  }

  /**
   * @param response the answer of this attempt, or null when none came within the timeout
   * @param olderSeen the older serial an earlier attempt saw, or null
   * @param last whether this was the last attempt (the (1 + max_retries)th)
   */
  static Verdict judge(Message response, Name zone, long expected, Long olderSeen, boolean last) {
    OptionalLong served = servedSerial(response, zone);
    Long seen = olderSeen;
    if (served.isPresent()) {
      long actual = served.getAsLong();
      if (SerialNumber.of(actual).isAtLeast(SerialNumber.of(expected))) {
        return new Verdict.Success(actual);
      }
      seen = actual;
    }
    return last ? new Verdict.Error(seen) : new Verdict.Retry(seen);
  }

  /**
   * The serial a nameserver serves for {@code zone}: only from an authoritative NOERROR answer that
   * carries the zone's SOA. REFUSED, NXDOMAIN, NOTAUTH or a non-authoritative answer mean it does
   * not serve the zone (yet), which is no serial at all.
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
}
