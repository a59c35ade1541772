package io.zonecast.poolmanager.dns;

import io.zonecast.model.pool.Pool;
import io.zonecast.runtime.resolve.Failover;
import io.zonecast.runtime.resolve.HostNotResolvedException;
import io.zonecast.runtime.resolve.HostResolver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks a nameserver for a zone's SOA (UDP, TCP when truncated) and sorts the answer: the serial it
 * serves, the zone unknown to it (REFUSED, NOTAUTH, no authoritative SOA), the zone configured but
 * not loaded (SERVFAIL: never transferred or expired), or no answer at all (from any of the
 * nameserver's addresses).
 */
public final class SoaProbe {

  /** What the nameserver said about the zone. */
  public sealed interface Answer {}

  public record Serves(long serial) implements Answer {}

  /** The nameserver does not have the zone. */
  public record Missing(String rcode) implements Answer {}

  /** The nameserver has the zone but cannot serve it (SERVFAIL and the like). */
  public record Failing(String rcode) implements Answer {}

  /** No answer: the nameserver is down or unreachable. */
  public record Unreachable(String error) implements Answer {}

  private SoaProbe() {}

  /**
   * Asks {@code server} through {@code resolver}: its host's current addresses, each in turn until
   * one answers (a host that does not resolve is unreachable, with the reason).
   *
   * @param zoneName absolute, with the trailing dot
   */
  public static Answer query(
      HostResolver resolver, Pool.HostPort server, String zoneName, Duration timeout) {
    Message query = soaQuery(zoneName);
    Name name = query.getQuestion().getName();
    List<InetSocketAddress> addresses;
    Message response;
    try {
      addresses = resolver.resolve(server.host(), server.port());
    } catch (HostNotResolvedException e) {
      return new Unreachable(server + ": " + e.getMessage());
    }
    try {
      response =
          Failover.firstAnswer(
              addresses,
              address -> {
                SimpleResolver dns = new SimpleResolver(address);
                dns.setTimeout(timeout);
                return dns.send(query);
              });
    } catch (IOException e) {
      String at = HostResolver.isIpAddress(server.host()) ? "" : " " + Failover.describe(addresses);
      return new Unreachable(
          server
              + at
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
    return sort(response, name);
  }

  /**
   * The question for the zone's SOA (class IN); {@code zoneName} absolute, with the trailing dot.
   */
  static Message soaQuery(String zoneName) {
    try {
      return Message.newQuery(
          Record.newRecord(Name.fromString(zoneName, Name.root), Type.SOA, DClass.IN));
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a zone name: " + zoneName, e);
    }
  }

  static Answer sort(Message response, Name zone) {
    int rcode = response.getRcode();
    if (rcode == Rcode.REFUSED || rcode == Rcode.NOTAUTH || rcode == Rcode.NXDOMAIN) {
      return new Missing(Rcode.string(rcode));
    }
    if (rcode != Rcode.NOERROR) {
      return new Failing(Rcode.string(rcode));
    }
    for (Record r : response.getSection(Section.ANSWER)) {
      if (r instanceof SOARecord soa && soa.getName().equals(zone)) {
        return new Serves(soa.getSerial());
      }
    }
    return new Missing("NOERROR without the zone's SOA");
  }
}
