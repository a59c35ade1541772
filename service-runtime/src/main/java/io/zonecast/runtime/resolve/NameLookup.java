package io.zonecast.runtime.resolve;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

/** The last link of the resolver chain: asks the system's resolver for a name's addresses. */
@FunctionalInterface
public interface NameLookup {

  /** The addresses of a name and how long they may be kept (the answer's TTL). */
  record Answer(List<InetAddress> addresses, Duration ttl) {
    public Answer {
      addresses = List.copyOf(addresses);
    }
  }

  /**
   * @throws UnknownHostException when the name has no address or the resolver gave no answer, with
   *     the reason
   */
  Answer lookup(String host) throws UnknownHostException;
}
