package io.zonecast.central.zone;

import io.zonecast.central.system.ApiException;
import io.zonecast.model.zone.ZoneStatus;
import java.util.Locale;

/** Designate's zone list filters that zonecast supports so far; {@code *} is a wildcard in name. */
record ZoneFilter(String namePattern, String status) {

  static ZoneFilter of(String name, String status) {
    String pattern = null;
    if (name != null) {
      pattern =
          name.toLowerCase(Locale.ROOT)
              .replace("\\", "\\\\")
              .replace("%", "\\%")
              .replace("_", "\\_")
              .replace('*', '%');
    }
    String normalizedStatus = null;
    if (status != null) {
      try {
        normalizedStatus = ZoneStatus.valueOf(status.toUpperCase(Locale.ROOT)).name();
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("bad_request", "Invalid status filter '" + status + "'");
      }
    }
    return new ZoneFilter(pattern, normalizedStatus);
  }
}
