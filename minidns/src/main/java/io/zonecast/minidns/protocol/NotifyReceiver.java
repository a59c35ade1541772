package io.zonecast.minidns.protocol;

import java.net.InetSocketAddress;
import org.xbill.DNS.Message;

/**
 * Takes a NOTIFY (RFC 1996) sent to MiniDNS, for a zone it holds as a secondary, and says what to
 * answer: NOERROR when the sender is one of the zone's masters, REFUSED or NOTAUTH otherwise.
 */
public interface NotifyReceiver {

  /** The answer's rcode (RFC 1996 section 4.7 and 4.8). */
  int receive(Message notify, InetSocketAddress sender);
}
