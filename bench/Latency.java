import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Workload 1: one recordset change at a time into an existing zone; for each, the time from the
 * REST response to the zone ACTIVE and the record answering on every secondary.
 *
 * <p>Usage: java -cp dnsjava.jar Latency.java API_BASE SAMPLES SECONDARY_PORT... Prints one line:
 * p50_ms p99_ms max_ms samples cpu_ms, the last the CPU the services and BIND9 spent over the
 * samples ({@link Bench#cpuMillis}).
 */
public class Latency {

  static final Duration DEADLINE = Duration.ofSeconds(30);

  public static void main(String[] args) throws Exception {
    String api = args[0];
    int samples = Integer.parseInt(args[1]);
    List<SimpleResolver> secondaries =
        Bench.ports(args, 2).stream().map(Bench::resolver).toList();
    String zone = Bench.uniqueLabel("lat") + ".bench.";
    String zoneUrl = Bench.createZone(api, zone);
    Bench.waitActive(zoneUrl, System.nanoTime(), DEADLINE);
    List<Double> latencies = new ArrayList<>();
    long cpuBefore = Bench.cpuMillis();
    for (int i = 0; i < samples; i++) {
      String name = "r" + i + "." + zone;
      Bench.createARecordset(zoneUrl, name, "192.0.2." + (i % 250 + 1));
      long start = System.nanoTime();
      // the secondaries first: asking them costs the services under test nothing, while every
      // status GET is work for central; ACTIVE is then awaited (it cannot come much later)
      for (SimpleResolver secondary : secondaries) {
        waitAnswer(secondary, name, start);
      }
      Bench.waitActive(zoneUrl, start, DEADLINE);
      latencies.add((System.nanoTime() - start) / 1e6);
    }
    long cpu = Bench.cpuMillis() - cpuBefore;
    Bench.send("DELETE", zoneUrl, null);
    Collections.sort(latencies);
    System.out.printf(
        Locale.ROOT,
        "%.2f %.2f %.2f %d %d%n",
        Bench.percentile(latencies, 50),
        Bench.percentile(latencies, 99),
        latencies.getLast(),
        latencies.size(),
        cpu);
  }

  static void waitAnswer(SimpleResolver secondary, String name, long start) throws Exception {
    while (System.nanoTime() - start < DEADLINE.toNanos()) {
      if (Bench.answers(secondary, name, Type.A)) {
        return;
      }
      Thread.sleep(Bench.PROBE_MS);
    }
    throw new IllegalStateException(name + " not served within " + DEADLINE);
  }
}
