package io.zonecast.minidns.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Takes a zone from a primary over TCP (RFC 5936 AXFR, RFC 1995 IXFR), handing each record to a
 * {@link ZoneTransferIn.ZoneTransferHandler} as it arrives: nothing is kept here, so a zone of any
 * size passes through in bounded memory. dnsjava checks the framing, the SOA serials of an IXFR's
 * differences and the TSIG signature of every message (RFC 8945 section 5.3.1).
 */
@Component
public class TransferClient {

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
}
