package io.zonecast.model.messaging;

import java.util.Objects;

/**
 * A DNS server to talk to, written as the MiniDNS spec says: {@code host:port}, or {@code
 * [v6-address]:port}, port 53 when none is given.
 */
public record Destination(String host, int port) {

  public static final int DNS_PORT = 53;

  public Destination {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("a destination needs a host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
    }
  }

  public static Destination parse(String text) {
    Objects.requireNonNull(text, "destination");
    String s = text.trim();
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("unclosed '[' in destination '" + text + "'");
      }
      String host = s.substring(1, close);
      String rest = s.substring(close + 1);
      if (rest.isEmpty()) {
        return new Destination(host, DNS_PORT);
      }
      if (!rest.startsWith(":")) {
        throw new IllegalArgumentException("expected ':port' after ']' in '" + text + "'");
      }
      return new Destination(host, parsePort(rest.substring(1), text));
    }
    int colons = (int) s.chars().filter(c -> c == ':').count();
    if (colons == 0) {
      return new Destination(s, DNS_PORT);
    }
    if (colons > 1) {
      return new Destination(s, DNS_PORT); // a bare IPv6 address: no port can be told apart
    }
    int colon = s.indexOf(':');
    String port = s.substring(colon + 1);
    return new Destination(
        s.substring(0, colon), port.isEmpty() ? DNS_PORT : parsePort(port, text));
  }

  private static int parsePort(String port, String text) {
    try {
      return Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port '" + port + "' in '" + text + "' is not a number");
    }
  }

  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
