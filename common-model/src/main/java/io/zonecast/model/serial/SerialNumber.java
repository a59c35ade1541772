package io.zonecast.model.serial;

/**
 * A zone's SOA serial: an unsigned 32-bit number compared with RFC 1982 serial number arithmetic
 * (SERIAL_BITS = 32), so a serial that wrapped past 2^32 is still "newer" than the one before it.
 */
public record SerialNumber(long value) implements Comparable<SerialNumber> {

  public static final long MAX = 0xFFFF_FFFFL;
  private static final long HALF = 1L << 31;

  public SerialNumber {
    if (value < 0 || value > MAX) {
      throw new IllegalArgumentException("a serial is between 0 and " + MAX + ", not " + value);
    }
  }

  public static SerialNumber of(long value) {
    return new SerialNumber(value);
  }

  /** RFC 1982 section 3.1: addition modulo 2^32, defined only for 0 <= n <= 2^31 - 1. */
  public SerialNumber plus(long n) {
    if (n < 0 || n >= HALF) {
      throw new IllegalArgumentException("RFC 1982 adds only 0..2^31-1 to a serial, not " + n);
    }
    return new SerialNumber((value + n) & MAX);
  }

  /**
   * RFC 1982 section 3.2: s1 is newer than s2 when they differ by less than 2^31 going forward. Two
   * serials exactly 2^31 apart are undefined in the RFC; we call neither newer.
   */
  public boolean isNewerThan(SerialNumber other) {
    long diff = (value - other.value) & MAX;
    return diff != 0 && diff < HALF;
  }

  public boolean isAtLeast(SerialNumber other) {
    return value == other.value || isNewerThan(other);
  }

  /**
   * The serial for the next change of a zone: the clock (seconds since the epoch, reduced modulo
   * 2^32) when that is newer than the current serial, otherwise the current serial plus one. So
   * serials never go backwards, not even for an imported serial ahead of the clock.
   */
  public SerialNumber next(long epochSeconds) {
    SerialNumber clock = new SerialNumber(epochSeconds & MAX);
    return clock.isNewerThan(this) ? clock : plus(1);
  }

  /**
   * Orders serials by RFC 1982 arithmetic. This is not a total order over all 2^32 values; use it
   * only for serials known to lie within 2^31 of each other (the serials of one zone's history).
   */
  @Override
  public int compareTo(SerialNumber other) {
    if (value == other.value) {
      return 0;
    }
    return isNewerThan(other) ? 1 : -1;
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
