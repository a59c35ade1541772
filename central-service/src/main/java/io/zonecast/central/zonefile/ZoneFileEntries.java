package io.zonecast.central.zonefile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The entries of a master file (RFC 1035 section 5.1) and the line each starts on: one per line
 * that holds anything but blanks and a comment, a parenthesised group continuing it over the
 * following lines. dnsjava's {@code Master} yields one record per record entry in the same order,
 * so the n-th record it returns came from the n-th record entry.
 */
final class ZoneFileEntries {

  /**
   * @param line 1-based line the entry starts on
   * @param directive the control entry's name in upper case ({@code $ORIGIN}, {@code $TTL}...), or
   *     null for a resource record
   */
  record Entry(int line, String directive) {}

  private ZoneFileEntries() {}

  static List<Entry> of(String text) {
    List<Entry> entries = new ArrayList<>();
    int line = 1;
    int depth = 0;
    boolean quoted = false;
    boolean comment = false;
    boolean lineStart = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        comment = false;
        lineStart = depth == 0 && !quoted;
        continue;
      }
      if (comment) {
        continue;
      }
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
        continue;
      }
      if (lineStart && !Character.isWhitespace(c) && c != ';') {
        entries.add(new Entry(line, c == '$' ? directive(text, i) : null));
        lineStart = false;
      }
      switch (c) {
        case ';' -> comment = true;
        case '"' -> quoted = true;
        case '\\' -> i++;
        case '(' -> depth++;
        case ')' -> depth = Math.max(0, depth - 1);
        default -> {}
      }
    }
    return entries;
  }

  private static String directive(String text, int start) {
    int end = start;
    while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    return text.substring(start, end).toUpperCase(Locale.ROOT);
  }
}
