import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Workload 4, the part measured with a DNS client. Two commands:
 *
 * <ul>
 *   <li>{@code axfr MINIDNS_PORT ZONE MINIDNS_PID METRICS_BASE}: a full AXFR of the zone from
 *       MiniDNS with dnsjava; prints seconds, records and the growth of MiniDNS's used heap during
 *       the transfer (MiB, peak minus the value right after a full GC, sampled from its actuator).
 *   <li>{@code change API ZONE_URL ZONE SECONDARY_PORT...}: one A recordset added; prints the
 *       milliseconds from the REST response until every secondary answers it.
 * </ul>
 */
public class BigZone {

  static final Duration DEADLINE = Duration.ofSeconds(30);
  static final Pattern VALUE = Pattern.compile("\"value\":([0-9.E+-]+)");

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "axfr" -> axfr(Integer.parseInt(args[1]), args[2], args[3], args[4]);
      case "change" -> change(args[1], args[2], args[3], Bench.ports(args, 4));
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  static void axfr(int port, String zone, String pid, String metrics) throws Exception {
    new ProcessBuilder("jcmd", pid, "GC.run").redirectErrorStream(true).start().waitFor();
    double baseline = heapUsed(metrics);
    AtomicLong peak = new AtomicLong(Double.doubleToLongBits(baseline));
    AtomicBoolean running = new AtomicBoolean(true);
    Thread sampler =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (running.get()) {
                    try {
                      double used = heapUsed(metrics);
                      peak.getAndUpdate(
                          p -> Double.doubleToLongBits(Math.max(Double.longBitsToDouble(p), used)));
                      Thread.sleep(10);
                    } catch (Exception e) {
                      return;
                    }
                  }
                });
    long start = System.nanoTime();
    ZoneTransferIn transfer = ZoneTransferIn.newAXFR(Name.fromString(zone), "127.0.0.1", port, null);
    transfer.setTimeout(DEADLINE);
    transfer.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    running.set(false);
    sampler.join();
    List<Record> records = transfer.getAXFR();
    double growth = (Double.longBitsToDouble(peak.get()) - baseline) / (1024 * 1024);
    System.out.printf(Locale.ROOT, "%.3f %d %.1f%n", seconds, records.size(), growth);
  }

  static double heapUsed(String metrics) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(metrics + "/actuator/metrics/jvm.memory.used?tag=area:heap"))
            .build();
    String body = Bench.HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    return Double.parseDouble(Bench.group(VALUE, body, "heap value"));
  }

  static void change(String api, String zoneUrl, String zone, List<Integer> ports)
      throws Exception {
    String name = Bench.uniqueLabel("ixfr") + "." + zone;
    Bench.createARecordset(zoneUrl, name, "198.51.100.7");
    long start = System.nanoTime();
    for (int port : ports) {
      SimpleResolver secondary = Bench.resolver(port);
      while (!Bench.answers(secondary, name, Type.A)) {
        if (System.nanoTime() - start > DEADLINE.toNanos()) {
          throw new IllegalStateException(name + " not served on port " + port);
        }
        Thread.sleep(1);
      }
    }
    System.out.printf(Locale.ROOT, "%.2f%n", (System.nanoTime() - start) / 1e6);
  }
}
