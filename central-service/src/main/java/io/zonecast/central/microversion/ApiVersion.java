package io.zonecast.central.microversion;

import io.zonecast.central.system.ApiException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A microversion of the DNS API ({@code major.minor}), as the {@code OpenStack-API-Version} header
 * names it (OpenStack API-WG guideline "Microversion Specification").
 */
record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {

  static final String SERVICE_TYPE = "dns";

  /** What zonecast implements: 2.0, and 2.1 (shared zones). */
  static final ApiVersion MIN = new ApiVersion(2, 0);

  static final ApiVersion MAX = new ApiVersion(2, 1);

  private static final Pattern VERSION =
      Pattern.compile("(0|[1-9][0-9]{0,3})\\.(0|[1-9][0-9]{0,3})");

  /**
   * The version the header asks for, or null when it names no {@code dns} version. The header may
   * list several services ({@code compute 2.60, dns 2.1}).
   */
  static ApiVersion requested(String header) {
    if (header == null) {
      return null;
    }
    for (String entry : header.split(",")) {
      String[] parts = entry.trim().split("\\s+");
      if (parts.length != 2 || !parts[0].toLowerCase(Locale.ROOT).equals(SERVICE_TYPE)) {
        continue;
      }
      if (parts[1].equalsIgnoreCase("latest")) {
        return MAX;
      }
      Matcher m = VERSION.matcher(parts[1]);
      if (!m.matches()) {
        throw ApiException.badRequest(
            "bad_request",
            "Invalid OpenStack-API-Version '" + entry.trim() + "': expected 'dns <major>.<minor>'");
      }
      return new ApiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    return null;
  }

  boolean isSupported() {
    return compareTo(MIN) >= 0 && compareTo(MAX) <= 0;
  }

  @Override
  public int compareTo(ApiVersion other) {
    return major != other.major
        ? Integer.compare(major, other.major)
        : Integer.compare(minor, other.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
