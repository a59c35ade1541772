package io.zonecast.model.zone;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A DNS zone name as zonecast stores it: absolute (trailing dot), lower-case, at most 255 octets in
 * wire form with labels of at most 63 octets (RFC 1035 section 2.3.4), at least two labels, and
 * labels of letters, digits, hyphens and underscores (internationalised names as punycode, RFC
 * 3492), never starting or ending with a hyphen.
 */
public record ZoneName(String value) {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?");

  public ZoneName {
    String problem = problem(value);
    if (problem != null) {
      throw new InvalidNameException(problem);
    }
  }

  /**
   * Lower-cases {@code text} and checks it; the exception says what is wrong. Nothing is trimmed: a
   * name with whitespace or control characters around it is refused, not silently changed.
   */
  public static ZoneName parse(String text) {
    if (text == null) {
      throw new InvalidNameException("a zone name is required");
    }
    return new ZoneName(text.toLowerCase(Locale.ROOT));
  }

  /** Why {@code name} (already lower-case) is not a valid zone name, or null when it is. */
  static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "a zone name is required";
    }
    if (!name.endsWith(".")) {
      return "zone name '" + name + "' must be fully qualified, ending with a dot";
    }
    if (!name.equals(name.toLowerCase(Locale.ROOT))) {
      return "zone name '" + name + "' must be lower-case";
    }
    // wire length: one length octet per label plus the root's zero octet
    if (name.length() + 1 > 255) {
      return "zone name '" + name + "' is longer than 255 octets";
    }
    String[] labels = name.substring(0, name.length() - 1).split("\\.", -1);
    if (labels.length < 2) {
      return "zone name '" + name + "' needs at least two labels (a bare TLD is not allowed)";
    }
    for (String label : labels) {
      if (label.isEmpty()) {
        return "zone name '" + name + "' has an empty label";
      }
      if (label.length() > 63) {
        return "label '" + label + "' of zone name '" + name + "' is longer than 63 octets";
      }
      if (!label.chars().allMatch(c -> c < 0x80)) {
        return "label '"
            + label
            + "' of zone name '"
            + name
            + "' is not ASCII: give internationalised names in punycode ("
            + punycode(label)
            + ")";
      }
      if (!LABEL.matcher(label).matches()) {
        return "label '"
            + label
            + "' of zone name '"
            + name
            + "' may contain only letters, digits, '-' and '_' and not start or end with '-'";
      }
    }
    return null;
  }

  private static String punycode(String label) {
    try {
      return "'" + IDN.toASCII(label, IDN.USE_STD3_ASCII_RULES) + "'";
    } catch (IllegalArgumentException e) {
      return "this label has no punycode form: " + e.getMessage();
    }
  }

  /** True when {@code fqdn} (absolute, lower-case) is this zone's apex or a name below it. */
  public boolean contains(String fqdn) {
    return fqdn.equals(value) || fqdn.endsWith("." + value);
  }

  @Override
  public String toString() {
    return value;
  }
}
