package io.zonecast.central.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's resident set as Linux reports it in /proc/self/status: {@code VmRSS} now and
 * {@code VmHWM}, its peak since start or since {@link #resetPeak()}.
 */
record ResidentSet(long current, long peak) {

  private static final Path STATUS = Path.of("/proc/self/status");

  static ResidentSet read() {
    try {
      long current = -1;
      long peak = -1;
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          current = kibibytes(line);
        } else if (line.startsWith("VmHWM:")) {
          peak = kibibytes(line);
        }
      }
      if (current < 0 || peak < 0) {
        throw new IllegalStateException("no VmRSS or VmHWM in " + STATUS);
      }
      return new ResidentSet(current * 1024, peak * 1024);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sets the peak to the current resident set (proc(5): writing 5 to clear_refs). */
  static void resetPeak() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long kibibytes(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }
}
