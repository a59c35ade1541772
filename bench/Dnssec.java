import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Workload dnssec (issue 13), on a zone that {@code run} seeded with 100,000 A records and both
 * secondaries serve. Two commands:
 *
 * <ul>
 *   <li>{@code sign ZONE_URL ZONE LAST_NAME SECONDARY_PORT...}: signing enabled ({@code PUT
 *       .../dnssec}); timed from the request until the zone is ACTIVE and both secondaries answer
 *       the zone's last name with its RRSIG and the SOA at the API's serial. Prints seconds.
 *   <li>{@code change ZONE_URL ZONE SAMPLES SECONDARY_PORT...}: SAMPLES A recordsets added one at a
 *       time; each timed from the create request (the change is signed before it answers) until the
 *       zone is ACTIVE and both secondaries answer the new name with its RRSIG. Prints the median
 *       and the largest, in milliseconds.
 * </ul>
 */
public class Dnssec {

  static final Duration SIGN_DEADLINE = Duration.ofMinutes(30);
  static final Duration CHANGE_DEADLINE = Duration.ofMinutes(2);

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "sign" -> sign(args[1], args[2], args[3], Bench.ports(args, 4));
      case "change" -> change(args[1], args[2], Integer.parseInt(args[3]), Bench.ports(args, 4));
      default -> throw new IllegalArgumentException("sign or change, not " + args[0]);
    }
  }

  static void sign(String zoneUrl, String zone, String lastName, List<Integer> ports)
      throws Exception {
    long start = System.nanoTime();
    // the whole zone is signed in the request: longer than Bench's 30 s HTTP timeout allows
    HttpResponse<String> put =
        Bench.sendWhole(
            "PUT", zoneUrl + "/dnssec", "application/json", "{\"enabled\": true}", SIGN_DEADLINE);
    if (put.statusCode() != 202) {
      throw new IllegalStateException("PUT dnssec -> " + put.statusCode() + " " + put.body());
    }
    System.err.printf(
        Locale.ROOT, "signing answered after %.1f s%n", (System.nanoTime() - start) / 1e9);
    Bench.waitActive(zoneUrl, start, SIGN_DEADLINE);
    long serial = Bench.serialOf(Bench.send("GET", zoneUrl, null));
    for (int port : ports) {
      SimpleResolver secondary = signedResolver(port);
      while (!Bench.soaSerial(secondary, zone).map(s -> Bench.atLeast(s, serial)).orElse(false)
          || !signedAnswer(secondary, lastName)) {
        deadline(start, SIGN_DEADLINE, zone + " not served signed on port " + port);
        Thread.sleep(10);
      }
    }
    System.out.printf(Locale.ROOT, "%.2f%n", (System.nanoTime() - start) / 1e9);
  }

  static void change(String zoneUrl, String zone, int samples, List<Integer> ports)
      throws Exception {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      String name = Bench.uniqueLabel("signed") + "." + zone;
      long start = System.nanoTime();
      Bench.createARecordset(zoneUrl, name, "198.51.100.9");
      for (int port : ports) {
        SimpleResolver secondary = signedResolver(port);
        while (!signedAnswer(secondary, name)) {
          deadline(start, CHANGE_DEADLINE, name + " not served signed on port " + port);
          Thread.sleep(1);
        }
      }
      Bench.waitActive(zoneUrl, start, CHANGE_DEADLINE);
      millis.add((System.nanoTime() - start) / 1e6);
    }
    millis.sort(null);
    System.out.printf(
        Locale.ROOT, "%.2f %.2f%n", Bench.percentile(millis, 50), millis.getLast());
  }

  static SimpleResolver signedResolver(int port) {
    SimpleResolver resolver = Bench.resolver(port);
    resolver.setTCP(true); // a signed answer may not fit the 512 bytes of plain UDP
    resolver.setEDNS(0, 1232, ExtendedFlags.DO);
    return resolver;
  }

  /** The server answers name's A records with an RRSIG over them (RFC 4035 section 3.1.1). */
  static boolean signedAnswer(SimpleResolver resolver, String name) throws Exception {
    Message answer =
        resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)));
    return answer.getRcode() == Rcode.NOERROR
        && answer.getSection(Section.ANSWER).stream()
            .anyMatch(r -> r instanceof RRSIGRecord sig && sig.getTypeCovered() == Type.A);
  }

  static void deadline(long start, Duration deadline, String what) {
    if (System.nanoTime() - start > deadline.toNanos()) {
      throw new IllegalStateException(what + " within " + deadline);
    }
  }
}
