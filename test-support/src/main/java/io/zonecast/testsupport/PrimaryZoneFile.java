package io.zonecast.testsupport;

/**
 * The zone file a test primary ({@link Bind9Primary}, {@link KnotPrimary}) starts a SECONDARY
 * zone's master with: the SOA of {@code ns1.primary.test.} with the serial and timers asked for,
 * its NS record, then the test's own records (zone-file lines relative to the zone, TTL 300 unless
 * they give one).
 */
public final class PrimaryZoneFile {

  /** The SOA's refresh, retry, expire and negative TTL: one hour, ten minutes, a day, 300 s. */
  public static final String TIMERS = "3600 600 86400 300";

  private PrimaryZoneFile() {}

  /** {@code zone} (absolute name) at {@code serial} with the usual {@link #TIMERS}. */
  public static String of(String zone, long serial, String... records) {
    return withTimers(zone, serial, TIMERS, records);
  }

  /** {@code zone} at {@code serial} with {@code timers} (refresh retry expire minimum). */
  public static String withTimers(String zone, long serial, String timers, String... records) {
    StringBuilder file =
        new StringBuilder(
            """
            $ORIGIN %1$s
            $TTL 300
            @    IN SOA ns1.primary.test. admin.primary.test. %2$d %3$s
            @    IN NS  ns1.primary.test.
            """
                .formatted(zone, serial, timers));
    for (String record : records) {
      file.append(record).append('\n');
    }
    return file.toString();
  }
}
