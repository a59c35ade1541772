package io.zonecast.runtime.resolve;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Tries a call on each address of a host in turn until one answers: a name with several addresses
 * keeps working while the first does not answer.
 */
public final class Failover {

  /** One try of the call on one address; an {@link IOException} means "try the next". */
  @FunctionalInterface
  public interface Attempt<T> {
    T at(InetSocketAddress address) throws IOException;
  }

  private Failover() {}

  /**
   * The first answer of {@code attempt} on {@code addresses}, in order.
   *
   * @throws IOException the only address's failure as it was, or, for several, one naming each
   *     address and its failure (the first one's as cause)
   */
  public static <T> T firstAnswer(List<InetSocketAddress> addresses, Attempt<T> attempt)
      throws IOException {
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("no address to try");
    }
    if (addresses.size() == 1) {
      return attempt.at(addresses.getFirst());
    }
    StringBuilder failures = new StringBuilder();
    IOException first = null;
    for (InetSocketAddress address : addresses) {
      try {
        return attempt.at(address);
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          failures.append("; ");
        }
        failures.append(describe(address)).append(": ").append(message(e));
      }
    }
    throw new IOException("no address answered: " + failures, first);
  }

  /** The addresses tried, e.g. {@code [192.0.2.1:53, 192.0.2.2:53]}. */
  public static String describe(List<InetSocketAddress> addresses) {
    return addresses.stream().map(Failover::describe).toList().toString();
  }

  /** {@code 192.0.2.1:53} or {@code [2001:db8::1]:53}, without any host name. */
  public static String describe(InetSocketAddress address) {
    String host =
        address.getAddress() == null
            ? address.getHostString()
            : address.getAddress().getHostAddress();
    return host.indexOf(':') >= 0
        ? "[" + host + "]:" + address.getPort()
        : host + ":" + address.getPort();
  }

  private static String message(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
