import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.xbill.DNS.SimpleResolver;

/**
 * Workload 2: ZONES zones created by CLIENTS concurrent clients; the time from the first request
 * until every zone is ACTIVE (none PENDING or ERROR in a filtered list) and every secondary answers
 * its SOA with the zone's serial. The zones
 * are deleted afterwards (and their deletion awaited, so the next workload starts on a quiet pool).
 *
 * <p>Usage: java -cp dnsjava.jar ZoneCreation.java API_BASE ZONES CLIENTS SECONDARY_PORT... Prints
 * one line: seconds_to_all_active_and_served zones create_requests_per_second cpu_ms, the last the
 * CPU the services and BIND9 spent from the first request until all served ({@link Bench#cpuMillis}).
 */
public class ZoneCreation {

  static final Duration DEADLINE = Duration.ofSeconds(120);

  record Created(String url, String name, long serial) {}

  public static void main(String[] args) throws Exception {
    String api = args[0];
    int count = Integer.parseInt(args[1]);
    int clients = Integer.parseInt(args[2]);
    List<Integer> ports = Bench.ports(args, 3);
    String run = Bench.uniqueLabel("zc");
    List<Created> zones;
    long cpuBefore = Bench.cpuMillis();
    long start = System.nanoTime();
    long createdAt;
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<Created>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String name = "z" + i + "." + run + ".bench.";
        futures.add(
            pool.submit(
                () -> {
                  String body =
                      Bench.send(
                          "POST",
                          api + "/v2/zones",
                          "{\"name\":\"" + name + "\",\"email\":\"b@bench.example\"}");
                  return new Created(
                      api + "/v2/zones/" + Bench.group(Bench.ID, body, "id"),
                      name,
                      Bench.serialOf(body));
                }));
      }
      zones = new ArrayList<>();
      for (Future<Created> future : futures) {
        zones.add(future.get());
      }
      createdAt = System.nanoTime();
      waitAllActiveAndServed(pool, api, run, zones, ports, start);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long cpu = Bench.cpuMillis() - cpuBefore;
    double createRate = count / ((createdAt - start) / 1e9);
    deleteAll(zones, clients);
    System.out.printf(Locale.ROOT, "%.2f %d %.1f %d%n", seconds, count, createRate, cpu);
  }

  static final Pattern TOTAL = Pattern.compile("\"total_count\":\\s*([0-9]+)");

  /**
   * Watches the run's zones through one filtered list call (how many are not ACTIVE yet) rather
   * than a GET per zone, so the probe adds little work to the service it measures; then asks the
   * secondaries, which costs the services nothing.
   */
  static void waitAllActiveAndServed(
      ExecutorService pool, String api, String run, List<Created> zones, List<Integer> ports, long start)
      throws Exception {
    String filter = api + "/v2/zones?limit=1&name=*." + run + ".bench.&status=";
    while (count(filter + "PENDING") > 0) {
      deadline(start, "zones still PENDING");
      Thread.sleep(20);
    }
    long errors = count(filter + "ERROR");
    if (errors > 0) {
      throw new IllegalStateException(errors + " zones went to ERROR");
    }
    Map<Created, Boolean> waiting = new ConcurrentHashMap<>();
    zones.forEach(z -> waiting.put(z, true));
    while (!waiting.isEmpty()) {
      deadline(start, waiting.size() + " zones not served by every secondary");
      List<Future<?>> sweep = new ArrayList<>();
      for (Created zone : List.copyOf(waiting.keySet())) {
        sweep.add(
            pool.submit(
                () -> {
                  if (served(zone, ports)) {
                    waiting.remove(zone);
                  }
                  return null;
                }));
      }
      for (Future<?> f : sweep) {
        f.get();
      }
      Thread.sleep(20);
    }
  }

  static void deadline(long start, String what) {
    if (System.nanoTime() - start > DEADLINE.toNanos()) {
      throw new IllegalStateException(what + " after " + DEADLINE);
    }
  }

  static long count(String url) throws Exception {
    return Long.parseLong(Bench.group(TOTAL, Bench.send("GET", url, null), "total_count"));
  }

  static boolean served(Created zone, List<Integer> ports) throws Exception {
    for (int port : ports) {
      SimpleResolver secondary = Bench.resolver(port);
      if (Bench.soaSerial(secondary, zone.name())
          .filter(s -> Bench.atLeast(s, zone.serial()))
          .isEmpty()) {
        return false;
      }
    }
    return true;
  }

  static void deleteAll(List<Created> zones, int clients) throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      for (Created zone : zones) {
        pool.submit(() -> Bench.send("DELETE", zone.url(), null));
      }
    }
    long start = System.nanoTime();
    for (Created zone : zones) {
      while (Bench.call("GET", zone.url(), null).status() != 404) {
        if (System.nanoTime() - start > DEADLINE.toNanos()) {
          throw new IllegalStateException(zone.name() + " not deleted within " + DEADLINE);
        }
        Thread.sleep(50);
      }
    }
  }
}
