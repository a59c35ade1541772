package io.zonecast.central.zone;

import io.zonecast.central.system.ApiException;
import io.zonecast.model.messaging.Destination;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Address;

/**
 * The {@code masters} of a SECONDARY zone, as Designate's API takes them: {@code host} or {@code
 * host:port}, port 53 when none is given ({@code [v6]:port} for an IPv6 address with a port). Each
 * host must be an IPv4 or IPv6 address: MiniDNS checks a NOTIFY's source against them, which a name
 * could not be. They are kept as Designate renders them, {@code host:port}.
 */
final class ZoneMasters {

  static final int MAX_MASTERS = 32;

  private ZoneMasters() {}

  /** The masters, checked and written as {@code host:port}; 400 invalid_object otherwise. */
  static List<String> check(List<String> given) {
    if (given == null || given.isEmpty()) {
      throw ApiException.invalidObject("'masters' is a required property");
    }
    if (given.size() > MAX_MASTERS) {
      throw ApiException.invalidObject(
          "'masters' has more items than allowed (at most " + MAX_MASTERS + ")");
    }
    LinkedHashSet<String> masters = new LinkedHashSet<>();
    for (String master : given) {
      masters.add(one(master));
    }
    return new ArrayList<>(masters);
  }

  private static String one(String master) {
    if (master == null || master.isBlank() || master.length() > 300) {
      throw invalid(master, "it is empty or too long");
    }
    Destination destination;
    try {
      destination = Destination.parse(master);
    } catch (IllegalArgumentException e) {
      throw invalid(master, e.getMessage());
    }
    String host = destination.host();
    byte[] v4 = Address.toByteArray(host, Address.IPv4);
    if (v4 != null) {
      return Address.toDottedQuad(v4) + ":" + destination.port();
    }
    byte[] v6 = Address.toByteArray(host, Address.IPv6);
    if (v6 != null) {
      try {
        String text = java.net.InetAddress.getByAddress(v6).getHostAddress();
        return new Destination(compress(text), destination.port()).toString();
      } catch (java.net.UnknownHostException e) {
        throw invalid(master, "not an IPv6 address");
      }
    }
    throw invalid(
        master,
        "its host is not an IPv4 or IPv6 address (host names are not taken: MiniDNS checks the"
            + " source address of a NOTIFY against the masters)");
  }

  /** Java writes IPv6 addresses in full ({@code 0:0:...}); the RFC 5952 short form is kept. */
  private static String compress(String full) {
    String[] groups = full.toLowerCase(Locale.ROOT).split(":");
    int bestStart = -1;
    int bestLength = 0;
    for (int i = 0; i < groups.length; ) {
      if (groups[i].equals("0")) {
        int j = i;
        while (j < groups.length && groups[j].equals("0")) {
          j++;
        }
        if (j - i > bestLength && j - i > 1) {
          bestStart = i;
          bestLength = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    if (bestStart < 0) {
      return String.join(":", groups);
    }
    String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
    String tail =
        String.join(
            ":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
    return head + "::" + tail;
  }

  private static ApiException invalid(String master, String why) {
    return ApiException.invalidObject("'" + master + "' is not a valid master: " + why);
  }
}
