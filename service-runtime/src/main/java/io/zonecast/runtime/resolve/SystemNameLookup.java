package io.zonecast.runtime.resolve;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The system's DNS resolver as dnsjava reads it from {@code /etc/resolv.conf} (servers, search
 * list, ndots), asked for A and AAAA: unlike {@link InetAddress} it tells the answers' TTLs. Only
 * when the DNS servers give no answer at all (not when they say the name does not exist) is the
 * JVM's own resolver asked, which also knows the other sources of the system (nsswitch), for {@link
 * #NO_TTL} since it tells none.
 */
public final class SystemNameLookup implements NameLookup {

  /** How long an answer of the JVM's resolver is kept: the JVM's own default cache time. */
  static final Duration NO_TTL = Duration.ofSeconds(30);

  private final Resolver resolver;

  public SystemNameLookup() {
    this(Lookup.getDefaultResolver());
  }

  SystemNameLookup(Resolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public Answer lookup(String host) throws UnknownHostException {
    List<InetAddress> addresses = new ArrayList<>();
    long ttl = Long.MAX_VALUE;
    boolean noSuchName = false;
    String error = null;
    for (int type : new int[] {Type.A, Type.AAAA}) {
      Lookup lookup;
      try {
        lookup = new Lookup(host, type);
      } catch (TextParseException e) {
        throw new UnknownHostException("'" + host + "' is not a host name: " + e.getMessage());
      }
      lookup.setResolver(resolver);
      lookup.setCache(null); // the chain keeps answers itself, for their TTL
      Record[] records = lookup.run();
      switch (lookup.getResult()) {
        case Lookup.SUCCESSFUL -> {
          for (Record record : records) {
            ttl = Math.min(ttl, record.getTTL());
            switch (record) {
              case ARecord a -> addresses.add(a.getAddress());
              case AAAARecord aaaa -> addresses.add(aaaa.getAddress());
              default -> {}
            }
          }
        }
        case Lookup.HOST_NOT_FOUND -> noSuchName = true;
        case Lookup.TYPE_NOT_FOUND -> {}
        default -> error = lookup.getErrorString();
      }
    }
    if (!addresses.isEmpty()) {
      return new Answer(addresses, Duration.ofSeconds(ttl));
    }
    if (noSuchName || error == null) {
      throw new UnknownHostException("DNS: no such name, or no A/AAAA record");
    }
    try {
      return new Answer(List.of(InetAddress.getAllByName(host)), NO_TTL);
    } catch (UnknownHostException e) {
      throw new UnknownHostException("DNS: " + error + "; system resolver: " + e.getMessage());
    }
  }
}
