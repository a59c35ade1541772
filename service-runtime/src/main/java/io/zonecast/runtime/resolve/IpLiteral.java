package io.zonecast.runtime.resolve;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.xbill.DNS.Address;

/** An IPv4 or IPv6 address written out, read without asking any resolver. */
final class IpLiteral {

  private IpLiteral() {}

  /** The address {@code text} spells ({@code [v6]} too), or empty when it is a name. */
  static Optional<InetAddress> parse(String text) {
    String s = text.trim();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    int zone = s.indexOf('%');
    String bare = zone >= 0 ? s.substring(0, zone) : s;
    byte[] bytes = Address.toByteArray(bare, Address.IPv4);
    if (bytes == null) {
      bytes = Address.toByteArray(bare, Address.IPv6);
    }
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      return Optional.empty(); // only for a wrong length, which toByteArray never gives
    }
  }
}
