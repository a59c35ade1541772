package io.zonecast.central.recordset;

import io.zonecast.central.system.ApiException;
import java.nio.charset.StandardCharsets;

/**
 * The rules Designate applies to TXT and SPF data before parsing it, with messages that say what to
 * do: a character-string holds at most 255 octets (RFC 1035 section 3.3), so longer text is split
 * into several quoted strings; an unquoted value is one string, so it cannot contain spaces; a
 * value cannot end in a lone backslash.
 */
final class TxtText {

  static final int MAX_STRING_OCTETS = 255;

  private TxtText() {}

  static void check(String text, int index) {
    String value = text.strip();
    if (!value.startsWith("\"")) {
      if (value.chars().anyMatch(Character::isWhitespace)) {
        throw invalid(index, "an unquoted TXT value cannot contain spaces: put it in quotes");
      }
      if (octets(value, 0, value.length()) > MAX_STRING_OCTETS) {
        throw tooLong(index);
      }
      return;
    }
    int at = 0;
    while (at < value.length()) {
      if (Character.isWhitespace(value.charAt(at))) {
        at++;
        continue;
      }
      if (value.charAt(at) != '"') {
        throw invalid(index, "text between quoted strings must be quoted too");
      }
      int end = closingQuote(value, at + 1, index);
      if (octets(value, at + 1, end) > MAX_STRING_OCTETS) {
        throw tooLong(index);
      }
      at = end + 1;
    }
  }

  private static int closingQuote(String value, int from, int index) {
    for (int i = from; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    throw invalid(index, "a quoted TXT string is not closed (or ends in a lone backslash)");
  }

  /** Octets of the string between from and to once escapes (\\X, \\DDD) are read. */
  private static int octets(String value, int from, int to) {
    int octets = 0;
    for (int i = from; i < to; i++) {
      char c = value.charAt(i);
      if (c == '\\' && isDigits(value, i + 1, Math.min(i + 4, to))) {
        i += 3;
        octets++;
      } else if (c == '\\') {
        i++;
        octets++;
      } else {
        octets += String.valueOf(c).getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return octets;
  }

  private static boolean isDigits(String value, int from, int to) {
    if (to - from < 3) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!Character.isDigit(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static ApiException tooLong(int index) {
    return invalid(
        index,
        "a TXT string holds at most "
            + MAX_STRING_OCTETS
            + " octets: split longer text into several quoted strings (\"...\" \"...\")");
  }

  private static ApiException invalid(int index, String why) {
    return ApiException.invalidObject("records[" + index + "]: " + why);
  }
}
