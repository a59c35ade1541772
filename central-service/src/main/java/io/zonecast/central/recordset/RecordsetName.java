package io.zonecast.central.recordset;

import io.zonecast.central.system.ApiException;
import io.zonecast.model.zone.ZoneName;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A recordset's owner name: absolute, lower-case, inside its zone, labels of at most 63 octets, at
 * most 255 octets, a wildcard only as the whole first label (RFC 4592).
 */
final class RecordsetName {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?|\\*");

  private RecordsetName() {}

  static String check(String raw, ZoneName zone) {
    if (raw == null) {
      throw ApiException.invalidObject("'name' is a required property");
    }
    String name = raw.toLowerCase(Locale.ROOT); // not trimmed: refused as it is
    if (!name.endsWith(".")) {
      throw ApiException.badRequest(
          "invalid_recordset_name", "Recordset name '" + raw + "' must end with a dot");
    }
    if (name.length() + 1 > 255) {
      throw ApiException.badRequest(
          "invalid_recordset_name", "Recordset name '" + raw + "' is longer than 255 octets");
    }
    if (!zone.contains(name)) {
      throw ApiException.badRequest(
          "invalid_recordset_location", "Recordset name " + name + " is not in zone " + zone);
    }
    String[] labels = name.substring(0, name.length() - 1).split("\\.", -1);
    for (int i = 0; i < labels.length; i++) {
      String label = labels[i];
      boolean ok =
          !label.isEmpty()
              && label.length() <= 63
              && LABEL.matcher(label).matches()
              && (!label.equals("*") || i == 0);
      if (!ok) {
        throw ApiException.badRequest(
            "invalid_recordset_name",
            "Recordset name '" + raw + "' has an invalid label '" + label + "'");
      }
    }
    return name;
  }
}
