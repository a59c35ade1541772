package io.zonecast.testsupport.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables and views a Java source file's SQL names: its string literals and text blocks
 * (comments skipped), joined, searched for the names after {@code from}, {@code join}, {@code
 * into}, {@code update}, {@code truncate}; and its JPA {@code @Table(name = ...)}, a write.
 */
final class SqlReferences {

  /** One name the SQL uses, and whether the statement writes it. */
  record Reference(String name, boolean writes) {}

  private static final Pattern USE =
      Pattern.compile(
          "\\b(delete\\s+from|insert\\s+into|update|truncate(?:\\s+table)?|from|join)\\s+"
              + "((?:published\\.)?[a-z_][a-z0-9_]*)");

  private static final Pattern JPA_TABLE =
      Pattern.compile("@Table\\s*\\(\\s*name\\s*=\\s*\"([a-z_][a-z0-9_]*)\"");

  private SqlReferences() {}

  static List<Reference> in(String javaSource) {
    List<Reference> references = new ArrayList<>();
    Matcher use = USE.matcher(String.join(" ", literals(javaSource)).toLowerCase());
    while (use.find()) {
      String verb = use.group(1);
      boolean writes = !(verb.equals("from") || verb.equals("join"));
      references.add(new Reference(use.group(2), writes));
    }
    Matcher jpa = JPA_TABLE.matcher(javaSource);
    while (jpa.find()) {
      references.add(new Reference(jpa.group(1), true));
    }
    return references;
  }

  /** The contents of the string literals and text blocks of a Java source, in order. */
  static List<String> literals(String source) {
    List<String> literals = new ArrayList<>();
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (source.startsWith("//", i)) {
        i = lineEnd(source, i);
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (source.startsWith("\"\"\"", i)) {
        int end = source.indexOf("\"\"\"", i + 3);
        end = end < 0 ? n : end;
        literals.add(source.substring(i + 3, end));
        i = end + 3;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && source.charAt(j) != c) {
          j += source.charAt(j) == '\\' ? 2 : 1;
        }
        if (c == '"') {
          literals.add(source.substring(i + 1, Math.min(j, n)));
        }
        i = j + 1;
      } else {
        i++;
      }
    }
    return literals;
  }

  private static int lineEnd(String source, int from) {
    int end = source.indexOf('\n', from);
    return end < 0 ? source.length() : end;
  }
}
