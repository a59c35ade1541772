package io.zonecast.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A zonecast-managed BIND9 secondary's named.conf, rendered from the one template every such
 * secondary shares ({@code deploy/bind9/named.conf.template}, on the classpath): each value
 * replaces its {@code @name@}, and a line naming a placeholder whose value is empty is left out.
 * {@code deploy/bind9/render-named-conf} does the same for bin/zonecast and the deployments;
 * NamedConfTest keeps the two renderings identical.
 */
final class NamedConf {

  private static final Pattern PLACEHOLDER = Pattern.compile("@([a-z_]+)@");

  private final Map<String, String> values = new LinkedHashMap<>();

  /** Sets {@code name}'s value; empty leaves its lines out. */
  NamedConf with(String name, Object value) {
    String text = Objects.toString(value, "");
    if (text.contains("\n")) {
      throw new IllegalArgumentException("a named.conf value is one line: " + name + "=" + text);
    }
    values.put(name, text);
    return this;
  }

  Map<String, String> values() {
    return Map.copyOf(values);
  }

  String render() {
    String template = template();
    for (String name : values.keySet()) {
      if (!template.contains("@" + name + "@")) {
        throw new IllegalArgumentException("the named.conf template has no @" + name + "@");
      }
    }
    StringBuilder out = new StringBuilder();
    for (String line : template.split("\n", -1)) {
      if (values.entrySet().stream()
          .anyMatch(v -> v.getValue().isEmpty() && line.contains("@" + v.getKey() + "@"))) {
        continue;
      }
      String filled = line;
      for (Map.Entry<String, String> v : values.entrySet()) {
        filled = filled.replace("@" + v.getKey() + "@", v.getValue());
      }
      out.append(filled).append('\n');
    }
    String rendered = out.toString().replaceFirst("\n+$", "") + "\n";
    TreeSet<String> missing = new TreeSet<>();
    Matcher left = PLACEHOLDER.matcher(rendered);
    while (left.find()) {
      missing.add(left.group());
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("no value for " + String.join(" ", missing));
    }
    return rendered;
  }

  private static String template() {
    try (InputStream in = NamedConf.class.getResourceAsStream("named.conf.template")) {
      if (in == null) {
        throw new IllegalStateException(
            "named.conf.template is not on the classpath (test-support copies it from"
                + " deploy/bind9)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
