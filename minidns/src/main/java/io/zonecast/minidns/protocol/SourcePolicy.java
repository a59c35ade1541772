package io.zonecast.minidns.protocol;

import java.net.InetAddress;

/**
 * Who a request comes from, as far as MiniDNS is concerned: a server of its pools (or of {@code
 * allow-transfer}), an address only allowed to query ({@code allow-query}), or a stranger, who is
 * refused at once (a TCP connection closed at accept, a UDP query answered REFUSED without looking
 * at it further).
 */
public interface SourcePolicy {

  /** Everyone is treated as a server of the pools (unit tests of the protocol). */
  SourcePolicy EVERYONE = address -> Standing.POOL;

  Standing standing(InetAddress source);

  enum Standing {
    /** A server of the pools file or allow-transfer: may query and transfer. */
    POOL,
    /**
     * May query (allow-query) but not transfer; its UDP answers are never larger than its query.
     */
    QUERY_ONLY,
    /** Neither: refused. */
    STRANGER
  }
}
