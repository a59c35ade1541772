package io.zonecast.poolmanager.target;

import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.ZoneRef;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What BIND9's log says about a zone's incoming transfers ({@code xfer-in}): the one place BIND
 * 9.18 tells why it did not load a transfer it received (rndc's {@code zonestatus} shows only the
 * serial it kept). A transfer logs, in this order:
 *
 * <pre>
 * zone ex.test/IN: Transfer started.
 * error adding 'big.ex.test/A' in 'ex.test/IN' (zone): too many records (must not exceed 3)
 * transfer of 'ex.test/IN' from 127.0.0.1#5354: failed while receiving responses: too many records
 * transfer of 'ex.test/IN' from 127.0.0.1#5354: Transfer status: too many records
 * transfer of 'ex.test/IN' from 127.0.0.1#5354: Transfer completed: 0 messages, 9 records, ... (serial 7)
 * </pre>
 *
 * and a status other than {@code success} for the serial asked about is the target's refusal.
 */
final class Bind9TransferLog {

  /** How much of the log's end is read: transfers of the serial at hand are recent. */
  static final int TAIL_BYTES = 1 << 20;

  private static final Pattern COMPLETED_SERIAL = Pattern.compile("\\(serial (\\d+)\\)\\s*$");

  private final Path file;

  Bind9TransferLog(Path file) {
    this.file = file;
  }

  /**
   * Why {@code target} (a BIND9, as {@code backend} names it) refused {@code zone} at its serial,
   * as the zone's {@code status_message} tells it: from named's log that the target's {@code
   * log_file} option names; empty without that option or when the latest transfer of the serial was
   * loaded.
   */
  static Optional<String> refusalOf(Pool.Target target, Backend backend, ZoneRef zone)
      throws BackendException {
    String logFile = target.option("log_file", "").trim();
    if (logFile.isEmpty()) {
      return Optional.empty();
    }
    String name = zone.name().substring(0, zone.name().length() - 1);
    try {
      return new Bind9TransferLog(Path.of(logFile))
          .refusal(name, zone.serial())
          .map(why -> backend + " refused the transfer of serial " + zone.serial() + ": " + why);
    } catch (IOException e) {
      throw new BackendException("cannot read the log of " + backend + ": " + e);
    }
  }

  /** Why the latest transfer of {@code serial} of the zone failed, if it did. */
  Optional<String> refusal(String zone, long serial) throws IOException {
    return refusal(tail(), zone, serial);
  }

  /**
   * @param zone the zone's name as BIND writes it (no trailing dot)
   */
  static Optional<String> refusal(List<String> lines, String zone, long serial) {
    String name = zone.toLowerCase(Locale.ROOT);
    String started = "zone " + name + "/in: transfer started";
    String transfer = "transfer of '" + name + "/in";
    String inZone = " in '" + name + "/in";
    String detail = null;
    String status = null;
    Optional<String> latest = Optional.empty();
    for (String line : lines) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.contains(started)) {
        detail = null;
        status = null;
      } else if (lower.contains("error adding '") && lower.contains(inZone)) {
        detail = line.substring(lower.indexOf("error adding '"));
      } else if (lower.contains(transfer)) {
        String text = afterSource(line, lower.indexOf(transfer) + transfer.length());
        if (text.startsWith("Transfer status: ")) {
          status = text.substring("Transfer status: ".length()).strip();
        } else if (text.startsWith("failed") && detail == null) {
          detail = text;
        } else if (text.startsWith("Transfer completed: ")) {
          Matcher completed = COMPLETED_SERIAL.matcher(text);
          if (completed.find() && Long.parseLong(completed.group(1)) == serial) {
            boolean failed = status != null && !status.equalsIgnoreCase("success");
            latest = failed ? Optional.of(detail != null ? detail : status) : Optional.empty();
          }
          detail = null;
          status = null;
        }
      }
    }
    return latest;
  }

  /** The text after {@code transfer of 'zone/IN' from ADDRESS: }. */
  private static String afterSource(String line, int from) {
    int colon = line.indexOf(": ", from);
    return colon < 0 ? "" : line.substring(colon + 2).strip();
  }

  private List<String> tail() throws IOException {
    try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
      long start = Math.max(0, log.length() - TAIL_BYTES);
      byte[] bytes = new byte[(int) (log.length() - start)];
      log.seek(start);
      log.readFully(bytes);
      List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
      // a tail that starts mid-line drops that line
      return start == 0 || lines.isEmpty() ? lines : lines.subList(1, lines.size());
    }
  }
}
