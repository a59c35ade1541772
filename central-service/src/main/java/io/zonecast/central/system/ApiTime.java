package io.zonecast.central.system;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Timestamps as Designate writes them: UTC, no zone suffix, microseconds. */
public final class ApiTime {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

  private ApiTime() {}

  public static String format(LocalDateTime time) {
    return time == null ? null : FORMAT.format(time);
  }
}
