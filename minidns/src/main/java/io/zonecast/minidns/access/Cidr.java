package io.zonecast.minidns.access;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block: an IPv4 or IPv6 address and a prefix length ({@code 10.0.0.0/8}). */
record Cidr(byte[] network, int prefix) {

  /**
   * {@code address/prefix}, or an address alone (all its bits).
   *
   * @throws IllegalArgumentException when the text is no literal address block
   */
  static Cidr parse(String text) {
    String trimmed = text.strip();
    int slash = trimmed.indexOf('/');
    String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
    if (address.isEmpty() || !(address.indexOf(':') >= 0 || address.matches("[0-9.]+"))) {
      throw new IllegalArgumentException("not an IP address block: " + text);
    }
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address block: " + text, e);
    }
    int prefix;
    try {
      prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an IP address block: " + text, e);
    }
    if (prefix < 0 || prefix > bytes.length * 8) {
      throw new IllegalArgumentException("prefix out of range in " + text);
    }
    return new Cidr(bytes, prefix);
  }

  static Cidr of(InetAddress address) {
    return new Cidr(address.getAddress(), address.getAddress().length * 8);
  }

  boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (bytes[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xff << (8 - rest);
    return (bytes[full] & mask) == (network[full] & mask);
  }
}
