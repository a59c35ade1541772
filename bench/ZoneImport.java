import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Workload big_zone's import (issue 14: "100,000-record zone import → ACTIVE and served by both: ≤ 5
 * s"): a zone file of RECORDS A records imported through the API ({@code POST
 * /v2/zones/tasks/imports}, {@code text/dns}), timed from the request until the import task is
 * COMPLETE, then until the zone is ACTIVE and both secondaries answer its last name. The zone is
 * deleted after. Prints two figures in seconds: request → COMPLETE, request → ACTIVE and served.
 *
 * <p>Arguments: API RECORDS SECONDARY_PORT...
 */
public class ZoneImport {

  static final Duration DEADLINE = Duration.ofMinutes(5);
  static final Pattern ZONE_ID = Pattern.compile("\"zone_id\":\"([0-9a-f-]+)\"");

  public static void main(String[] args) throws Exception {
    String api = args[0];
    int records = Integer.parseInt(args[1]);
    List<Integer> ports = Bench.ports(args, 2);
    String zone = Bench.uniqueLabel("import") + ".bench.";
    String file = zoneFile(zone, records);

    long start = System.nanoTime();
    HttpResponse<String> started =
        Bench.sendWhole("POST", api + "/v2/zones/tasks/imports", "text/dns", file, DEADLINE);
    if (started.statusCode() != 202) {
      throw new IllegalStateException(
          "POST imports -> " + started.statusCode() + " " + started.body());
    }
    String task =
        api + "/v2/zones/tasks/imports/" + Bench.group(Bench.ID, started.body(), "task id");
    String zoneId = completed(task, start);
    double imported = (System.nanoTime() - start) / 1e9;
    String zoneUrl = api + "/v2/zones/" + zoneId;
    Bench.waitActive(zoneUrl, start, DEADLINE);
    String last = "h" + records + "." + zone;
    for (int port : ports) {
      SimpleResolver secondary = Bench.resolver(port);
      while (!Bench.answers(secondary, last, Type.A)) {
        if (System.nanoTime() - start > DEADLINE.toNanos()) {
          throw new IllegalStateException(last + " not served on port " + port + " in " + DEADLINE);
        }
        Thread.sleep(10);
      }
    }
    double served = (System.nanoTime() - start) / 1e9;
    Bench.send("DELETE", zoneUrl, null);
    System.out.printf(Locale.ROOT, "%.2f %.2f%n", imported, served);
  }

  /** The task polled until it ends; its zone's id when it is COMPLETE. */
  static String completed(String task, long start) throws Exception {
    while (System.nanoTime() - start < DEADLINE.toNanos()) {
      String body = Bench.send("GET", task, null);
      String status = Bench.group(Bench.STATUS, body, "task status");
      if (status.equals("COMPLETE")) {
        return Bench.group(ZONE_ID, body, "zone_id");
      }
      if (status.equals("ERROR")) {
        throw new IllegalStateException("import failed: " + body);
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(task + " not COMPLETE within " + DEADLINE);
  }

  static String zoneFile(String zone, int records) {
    StringBuilder file =
        new StringBuilder(
            "$ORIGIN "
                + zone
                + "\n$TTL 300\n@ IN SOA ns1.bench.example. hostmaster.bench.example. 1 3600 600"
                + " 86400 300\n");
    for (int i = 1; i <= records; i++) {
      file.append('h')
          .append(i)
          .append(" IN A 10.")
          .append(i >> 16 & 255)
          .append('.')
          .append(i >> 8 & 255)
          .append('.')
          .append(i & 255)
          .append('\n');
    }
    return file.toString();
  }
}
