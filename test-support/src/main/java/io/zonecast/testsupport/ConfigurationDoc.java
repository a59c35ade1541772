package io.zonecast.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares {@code docs/configuration.md} with the settings the {@code @ConfigurationProperties}
 * records declare, as the Spring Boot configuration processor wrote them into each jar's {@code
 * META-INF/spring-configuration-metadata.json}: every setting listed in its service's section, none
 * listed that no record has, the same default, and a description in both.
 */
public final class ConfigurationDoc {

  private static final String METADATA = "META-INF/spring-configuration-metadata.json";
  private static final Pattern ROW =
      Pattern.compile("^\\|\\s*`(zonecast\\.[^`]+)`\\s*\\|([^|]*)\\|(.*)\\|\\s*$");

  private ConfigurationDoc() {}

  /** A setting as documented or declared: its default ("" for none) and description. */
  record Setting(String defaultValue, String description) {}

  /**
   * What differs between the section {@code ## <section>} of the doc and the settings declared by
   * the records of {@code sourcePackage} (and its sub-packages) on the class path; empty when they
   * agree.
   */
  public static List<String> disagreements(String section, String sourcePackage) {
    Map<String, Setting> documented = documented(doc(), section);
    Map<String, Setting> declared = declared(sourcePackage);
    List<String> problems = new ArrayList<>();
    if (declared.isEmpty()) {
      problems.add("no setting of " + sourcePackage + " in any " + METADATA + " on the class path");
    }
    declared.forEach((name, setting) -> {
      Setting doc = documented.get(name);
      if (doc == null) {
        problems.add(
            name
                + " (default '"
                + setting.defaultValue()
                + "') is missing from section "
                + section);
      } else if (!normal(doc.defaultValue()).equals(normal(setting.defaultValue()))) {
        problems.add(
            name
                + ": the doc says default '"
                + doc.defaultValue()
                + "', its record '"
                + setting.defaultValue()
                + "'");
      }
      if (setting.description().isBlank()) {
        problems.add(name + " has no description in its record (a Javadoc @param)");
      }
    });
    documented.forEach((name, setting) -> {
      if (!declared.containsKey(name)) {
        problems.add(name + " is in section " + section + " but no record declares it");
      }
      if (setting.description().isBlank()) {
        problems.add(name + " has no description in the doc");
      }
    });
    return problems;
  }

  /** {@code docs/configuration.md}, found from the working directory (a module) upwards. */
  static Path doc() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path doc = dir.resolve("docs/configuration.md");
      if (Files.isRegularFile(doc)) {
        return doc;
      }
    }
    throw new IllegalStateException(
        "no docs/configuration.md above " + Path.of("").toAbsolutePath());
  }

  /** The rows {@code | `zonecast.x` | default | description |} of one {@code ##} section. */
  static Map<String, Setting> documented(Path doc, String section) {
    List<String> lines;
    try {
      lines = Files.readAllLines(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Setting> settings = new TreeMap<>();
    boolean inSection = false;
    boolean found = false;
    for (String line : lines) {
      if (line.startsWith("## ")) {
        inSection = line.substring(3).strip().equals(section);
        found |= inSection;
        continue;
      }
      Matcher row = ROW.matcher(line);
      if (inSection && row.matches()) {
        String name = row.group(1);
        String cell = row.group(2).strip();
        String value = cell.equals("—") ? "" : cell.replaceAll("^`|`$", "");
        if (settings.put(name, new Setting(value, row.group(3).strip())) != null) {
          throw new IllegalStateException(doc + ": " + name + " is listed twice in " + section);
        }
      }
    }
    if (!found) {
      throw new IllegalStateException(doc + " has no section '## " + section + "'");
    }
    return settings;
  }

  /** The settings whose record lies in {@code sourcePackage}, from every metadata file. */
  static Map<String, Setting> declared(String sourcePackage) {
    Map<String, Setting> settings = new TreeMap<>();
    JsonMapper json = JsonMapper.shared();
    try {
      for (URL url :
          Collections.list(ConfigurationDoc.class.getClassLoader().getResources(METADATA))) {
        try (InputStream in = url.openStream()) {
          for (JsonNode property : json.readTree(in).path("properties")) {
            String source = property.path("sourceType").asString("");
            if (source.equals(sourcePackage) || source.startsWith(sourcePackage + ".")) {
              settings.put(
                  property.path("name").asString(),
                  new Setting(
                      text(property.get("defaultValue")),
                      property.path("description").asString("")));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return settings;
  }

  private static String text(JsonNode value) {
    if (value == null || value.isNull()) {
      return "";
    }
    if (value.isArray()) {
      return StreamSupport.stream(value.spliterator(), false)
          .map(JsonNode::asString)
          .collect(Collectors.joining(", "));
    }
    return value.asString();
  }

  /**
   * One spelling of a default: lists without brackets, numbers as numbers ({@code 1.0} is {@code
   * 1}), an empty list or string as none.
   */
  static String normal(String value) {
    String text = value.strip();
    if (text.startsWith("[") && text.endsWith("]")) {
      text = text.substring(1, text.length() - 1).strip();
    }
    try {
      return new BigDecimal(text).stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      return text;
    }
  }
}
