package io.zonecast.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * BIND's DNSSEC tools (Debian package bind9-utils) run on a zone: {@code dnssec-verify} checks
 * every signature, the DNSKEY set and the NSEC/NSEC3 chain; {@code dnssec-dsfromkey} makes the DS
 * of a served DNSKEY. Missing tools fail the test.
 */
public final class DnssecTools {

  private DnssecTools() {}

  /** The outcome of {@code dnssec-verify}: its exit code and what it printed. */
  public record Verdict(int exitCode, String output) {
    public boolean verified() {
      return exitCode == 0;
    }
  }

  /**
   * {@code dnssec-verify -x -o origin} on {@code records} (the SOA among them): {@code -x} because
   * zonecast signs the DNSKEY set with the KSK only (RFC 6781 section 3.1).
   */
  public static Verdict verify(String origin, Collection<Record> records) throws IOException {
    Path file = zoneFile(records);
    try {
      return run(
          List.of(Bind9Secondary.executable("dnssec-verify"), "-x", "-o", origin, file.toString()));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /**
   * {@code dnssec-dsfromkey -2 -f file origin}: the SHA-256 DS of every KSK among {@code records},
   * as "tag alg 2 HEX".
   */
  public static List<String> dsFromKeys(String origin, Collection<Record> records)
      throws IOException {
    List<Record> keys = records.stream().filter(r -> r.getType() == Type.DNSKEY).toList();
    Path file = zoneFile(keys);
    try {
      Verdict verdict =
          run(
              List.of(
                  Bind9Secondary.executable("dnssec-dsfromkey"),
                  "-2",
                  "-f",
                  file.toString(),
                  origin));
      if (!verdict.verified()) {
        throw new IOException("dnssec-dsfromkey failed: " + verdict.output());
      }
      List<String> ds = new ArrayList<>();
      for (String line : verdict.output().strip().split("\n")) {
        // "example.org. IN DS 12345 13 2 ABCD..."
        String[] fields = line.trim().split("\\s+");
        int at = List.of(fields).indexOf("DS");
        ds.add(String.join(" ", List.of(fields).subList(at + 1, fields.length)));
      }
      return ds;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static Path zoneFile(Collection<Record> records) throws IOException {
    Path file = Files.createTempFile("zonecast-dnssec", ".zone");
    StringBuilder text = new StringBuilder();
    records.forEach(r -> text.append(r).append('\n'));
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static Verdict run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(command.getFirst() + " did not finish");
      }
      return new Verdict(process.exitValue(), output);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
