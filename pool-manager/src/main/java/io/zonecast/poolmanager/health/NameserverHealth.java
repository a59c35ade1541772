package io.zonecast.poolmanager.health;

import io.zonecast.poolmanager.dns.SoaProbe;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one heartbeat found on a nameserver: whether it answered at all, how far behind central its
 * most lagging sampled zone is (in serial numbers, RFC 1982), how many sampled zones it does not
 * have, the last error seen (kept after the nameserver is back, with its time), and the addresses
 * its host resolved to.
 */
public record NameserverHealth(
    String nameserver,
    List<String> addresses,
    boolean up,
    long serialLag,
    int zonesChecked,
    int zonesMissing,
    String lastError,
    Instant lastErrorAt,
    Instant checkedAt) {

  /** A sampled zone: the serial central has and what the nameserver answered. */
  record Sample(long expectedSerial, SoaProbe.Answer answer) {}

  private static final long SERIAL_SPACE = 1L << 32;

  public NameserverHealth {
    addresses = List.copyOf(addresses);
  }

  /**
   * @param addresses what the nameserver's host resolved to (empty when it did not)
   * @param previous the last heartbeat's result of this nameserver, or null
   */
  static NameserverHealth of(
      String nameserver,
      List<String> addresses,
      List<Sample> samples,
      NameserverHealth previous,
      Instant now) {
    String error = null;
    boolean answered = false;
    long lag = 0;
    int missing = 0;
    for (Sample sample : samples) {
      switch (sample.answer()) {
        case SoaProbe.Unreachable(String message) -> error = message;
        case SoaProbe.Missing m -> {
          answered = true;
          missing++;
        }
        case SoaProbe.Failing f -> answered = true;
        case SoaProbe.Serves(long serial) -> {
          answered = true;
          lag = Math.max(lag, lag(sample.expectedSerial(), serial));
        }
      }
    }
    boolean up = answered;
    String lastError = previous == null ? null : previous.lastError();
    Instant lastErrorAt = previous == null ? null : previous.lastErrorAt();
    if (!up) {
      lastError = error == null ? "no answer" : error;
      lastErrorAt = now;
    }
    return new NameserverHealth(
        nameserver, addresses, up, lag, samples.size(), missing, lastError, lastErrorAt, now);
  }

  /** As shown in the pool manager's service status. */
  Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("up", up);
    json.put("addresses", addresses);
    json.put("serial_lag", serialLag);
    json.put("zones_checked", zonesChecked);
    json.put("zones_missing", zonesMissing);
    json.put("last_error", lastError);
    json.put("last_error_at", lastErrorAt == null ? null : lastErrorAt.toString());
    json.put("checked_at", checkedAt.toString());
    return json;
  }

  /** How many serials {@code served} is behind {@code expected}; 0 when it is not behind. */
  static long lag(long expected, long served) {
    long difference = Math.floorMod(expected - served, SERIAL_SPACE);
    return difference > 0 && difference < SERIAL_SPACE / 2 ? difference : 0;
  }
}
