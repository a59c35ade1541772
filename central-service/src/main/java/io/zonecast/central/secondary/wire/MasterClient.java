package io.zonecast.central.secondary.wire;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * The DNS traffic of a pull with a zone's masters (addresses only: central keeps no master by
 * name): the SOA query over UDP (TCP when truncated) and the transfer over TCP (RFC 5936 AXFR, RFC
 * 1995 IXFR). A transfer hands each record to a {@link ZoneTransferIn.ZoneTransferHandler} as it
 * arrives: nothing is kept here, so a zone of any size passes through in bounded memory. dnsjava
 * checks the framing, the SOA serials of an IXFR's differences and the TSIG signature of every
 * message (RFC 8945 section 5.3.1).
 */
@Component
public class MasterClient {

  /** The master's answer to the zone's SOA query, signed with {@code key} unless null. */
  public Message soa(InetSocketAddress master, Name zone, TSIG key, Duration timeout)
      throws IOException {
    SimpleResolver resolver = new SimpleResolver(master);
    resolver.setTimeout(timeout);
    if (key != null) {
      resolver.setTSIGKey(key);
    }
    return resolver.send(Message.newQuery(Record.newRecord(zone, Type.SOA, DClass.IN)));
  }

  /**
   * Asks {@code primary} for {@code zone}: an IXFR from {@code fromSerial} when it is not null (a
   * primary answering with the whole zone, NOTIMP or an empty answer makes it an AXFR, as dnsjava
   * does; RFC 1995 section 4), else an AXFR.
   *
   * @throws IOException the connection failed or broke off, or timed out
   * @throws ZoneTransferException the primary refused, or sent something that is not a transfer
   */
  public void transfer(
      InetSocketAddress primary,
      Name zone,
      Long fromSerial,
      TSIG key,
      Duration timeout,
      ZoneTransferIn.ZoneTransferHandler handler)
      throws IOException, ZoneTransferException {
    ZoneTransferIn transfer =
        fromSerial == null
            ? ZoneTransferIn.newAXFR(zone, primary, key)
            : ZoneTransferIn.newIXFR(zone, fromSerial, true, primary, key);
    transfer.setTimeout(timeout);
    transfer.run(handler);
  }

  /** A stored TSIG key (as {@code /v2/tsigkeys} keeps it) to sign with. */
  public static TSIG key(String name, String algorithm, String secret) {
    try {
      Name keyName = Name.fromString(name, Name.root);
      return new TSIG(TSIG.algorithmToName(algorithm), keyName, secret);
    } catch (TextParseException | IllegalArgumentException e) {
      throw new TransferFailure(
          "the TSIG key " + name + " of the zone cannot be used (" + e.getMessage() + ")");
    }
  }
}
