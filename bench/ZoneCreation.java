import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.xbill.DNS.SimpleResolver;

/**
 * Workload 2: ZONES zones created by CLIENTS concurrent clients; the time from the first request
 * until every zone is ACTIVE and every secondary answers its SOA with the zone's serial. The zones
 * are deleted afterwards (and their deletion awaited, so the next workload starts on a quiet pool).
 *
 * <p>Usage: java -cp dnsjava.jar ZoneCreation.java API_BASE ZONES CLIENTS SECONDARY_PORT... Prints
 * one line: seconds_to_all_active_and_served zones create_requests_per_second.
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
      waitAllActiveAndServed(pool, zones, ports, start);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double createRate = count / ((createdAt - start) / 1e9);
    deleteAll(zones, clients);
    System.out.printf(Locale.ROOT, "%.2f %d %.1f%n", seconds, count, createRate);
  }

  static void waitAllActiveAndServed(
      ExecutorService pool, List<Created> zones, List<Integer> ports, long start)
      throws Exception {
    Map<Created, Boolean> waiting = new ConcurrentHashMap<>();
    zones.forEach(z -> waiting.put(z, true));
    while (!waiting.isEmpty()) {
      if (System.nanoTime() - start > DEADLINE.toNanos()) {
        throw new IllegalStateException(
            waiting.size() + " zones not ACTIVE and served within " + DEADLINE);
      }
      List<Future<?>> sweep = new ArrayList<>();
      for (Created zone : List.copyOf(waiting.keySet())) {
        sweep.add(
            pool.submit(
                () -> {
                  if (activeAndServed(zone, ports)) {
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

  static boolean activeAndServed(Created zone, List<Integer> ports) throws Exception {
    String status = Bench.group(Bench.STATUS, Bench.send("GET", zone.url(), null), "status");
    if (status.equals("ERROR")) {
      throw new IllegalStateException(zone.name() + " went to ERROR");
    }
    if (!status.equals("ACTIVE")) {
      return false;
    }
    for (int port : ports) {
      SimpleResolver secondary = Bench.resolver(port);
      if (Bench.soaSerial(secondary, zone.name()).filter(s -> Bench.atLeast(s, zone.serial())).isEmpty()) {
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
