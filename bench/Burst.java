import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Workload 3: RECORDSETS recordset creations into one zone by CLIENTS concurrent clients; the time
 * from the last REST response until every secondary serves the zone's final serial, then a check by
 * AXFR from each secondary that every created name is there.
 *
 * <p>Usage: java -cp dnsjava.jar Burst.java API_BASE RECORDSETS CLIENTS SECONDARY_PORT... Prints
 * one line: zone seconds_after_last_response recordsets.
 */
public class Burst {

  static final Duration DEADLINE = Duration.ofSeconds(60);

  public static void main(String[] args) throws Exception {
    String api = args[0];
    int count = Integer.parseInt(args[1]);
    int clients = Integer.parseInt(args[2]);
    List<Integer> ports = Bench.ports(args, 3);
    String zone = Bench.uniqueLabel("burst") + ".bench.";
    String zoneUrl = Bench.createZone(api, zone);
    Bench.waitActive(zoneUrl, System.nanoTime(), DEADLINE);
    for (int port : ports) {
      waitSerial(port, zone, Bench.serialOf(Bench.send("GET", zoneUrl, null)), System.nanoTime());
    }

    Set<String> names = new HashSet<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<String>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String name = "b" + i + "." + zone;
        String address = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
        names.add(name);
        futures.add(pool.submit(() -> Bench.createARecordset(zoneUrl, name, address)));
      }
      for (Future<String> future : futures) {
        future.get();
      }
    }
    long lastResponse = System.nanoTime();
    long finalSerial = Bench.serialOf(Bench.send("GET", zoneUrl, null));
    for (int port : ports) {
      waitSerial(port, zone, finalSerial, lastResponse);
    }
    double seconds = (System.nanoTime() - lastResponse) / 1e9;
    for (int port : ports) {
      checkAllNames(port, zone, names);
    }
    Bench.send("DELETE", zoneUrl, null);
    System.out.printf(Locale.ROOT, "%s %.2f %d%n", zone, seconds, count);
  }

  static void waitSerial(int port, String zone, long serial, long start) throws Exception {
    SimpleResolver secondary = Bench.resolver(port);
    while (System.nanoTime() - start < DEADLINE.toNanos()) {
      if (Bench.soaSerial(secondary, zone).filter(s -> Bench.atLeast(s, serial)).isPresent()) {
        return;
      }
      Thread.sleep(2);
    }
    throw new IllegalStateException(
        zone + " serial " + serial + " not served on port " + port + " within " + DEADLINE);
  }

  static void checkAllNames(int port, String zone, Set<String> names) throws Exception {
    ZoneTransferIn axfr = ZoneTransferIn.newAXFR(Name.fromString(zone), "127.0.0.1", port, null);
    axfr.setTimeout(Duration.ofSeconds(30));
    axfr.run();
    Set<String> served = new HashSet<>();
    for (Record record : axfr.getAXFR()) {
      if (record.getType() == Type.A) {
        served.add(record.getName().toString());
      }
    }
    if (!served.containsAll(names)) {
      Set<String> missing = new HashSet<>(names);
      missing.removeAll(served);
      throw new IllegalStateException(
          missing.size() + " recordsets missing on port " + port + ", e.g. " + missing.iterator().next());
    }
  }
}
