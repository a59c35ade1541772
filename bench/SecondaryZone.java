import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Update;

/**
 * Workload secondary_zone: a SECONDARY zone whose primary is a BIND9 outside zonecast (bench/run
 * starts it, with also-notify to MiniDNS and dynamic updates from 127.0.0.1).
 *
 * <ul>
 *   <li>{@code change API PRIMARY_PORT ZONE SAMPLES SECONDARY_PORTS...}: creates the SECONDARY zone
 *       and waits until it is served (not measured); then, one at a time, sends a dynamic update
 *       (RFC 2136, what nsupdate sends) adding an A record on the primary and times it until every
 *       pool secondary answers the record and the zone is ACTIVE at the primary's new serial (the
 *       change travels only by the primary's NOTIFY: the zone's refresh is an hour). Prints: p50 ms,
 *       p99 ms, max ms, samples.
 *   <li>{@code first-pull API PRIMARY_PORT ZONE LAST_NAME PRIMARY_LOG CENTRAL_PID CENTRAL_HTTP
 *       SECONDARY_PORTS...}: creates the SECONDARY zone of a big zone and times it from the create
 *       request until it is ACTIVE at the primary's serial and every pool secondary answers its SOA
 *       at that serial and {@code LAST_NAME}. Meanwhile central's used heap (central pulls the
 *       zone) is sampled (its actuator, every 20 ms), and while the primary sends the AXFR (between "AXFR started" and
 *       "AXFR ended" in its log) a full GC (jcmd GC.run) every second shows the heap the pull keeps
 *       alive. Prints: seconds, live heap growth at most (MiB, against the heap after a full GC
 *       before the create), peak used heap growth (garbage included, MiB), full GCs taken.
 * </ul>
 */
public final class SecondaryZone {

  static final Duration DEADLINE = Duration.ofMinutes(5);
  static final Pattern VALUE = Pattern.compile("\"value\":([0-9.E+-]+)");

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "change" ->
          change(
              args[1],
              Integer.parseInt(args[2]),
              args[3],
              Integer.parseInt(args[4]),
              Bench.ports(args, 5));
      case "first-pull" ->
          firstPull(
              args[1],
              Integer.parseInt(args[2]),
              args[3],
              args[4],
              Path.of(args[5]),
              args[6],
              args[7],
              Bench.ports(args, 8));
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  static String createSecondary(String api, String zone, int primaryPort) throws Exception {
    String created =
        Bench.send(
            "POST",
            api + "/v2/zones",
            "{\"name\":\"%s\",\"type\":\"SECONDARY\",\"masters\":[\"127.0.0.1:%d\"]}"
                .formatted(zone, primaryPort));
    return api + "/v2/zones/" + Bench.group(Bench.ID, created, "zone id");
  }

  static void change(String api, int primaryPort, String zone, int samples, List<Integer> ports)
      throws Exception {
    SimpleResolver primary = Bench.resolver(primaryPort);
    List<SimpleResolver> secondaries = ports.stream().map(Bench::resolver).toList();
    String url = createSecondary(api, zone, primaryPort);
    long serial = Bench.soaSerial(primary, zone).orElseThrow();
    waitServed(url, zone, serial, secondaries, null, null, System.nanoTime());

    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      String name = "c" + i + "." + zone;
      String address = "198.51.100." + (i % 250 + 1);
      Update update = new Update(Name.fromString(zone));
      update.add(Name.fromString(name), org.xbill.DNS.Type.A, 120, address);
      long start = System.nanoTime();
      Message answer = primary.send(update);
      if (answer.getRcode() != Rcode.NOERROR) {
        throw new IllegalStateException("the primary refused the update: " + answer);
      }
      long expected = Bench.soaSerial(primary, zone).orElseThrow();
      waitServed(url, zone, expected, secondaries, name, address, start);
      millis.add((System.nanoTime() - start) / 1e6);
    }
    Bench.send("DELETE", url, null);
    List<Double> sorted = millis.stream().sorted().toList();
    System.out.printf(
        Locale.ROOT,
        "%s %s %s %d%n",
        Bench.format(Bench.percentile(sorted, 50)),
        Bench.format(Bench.percentile(sorted, 99)),
        Bench.format(sorted.getLast()),
        sorted.size());
  }

  /**
   * Waits until every secondary serves the zone at {@code serial} or later (and {@code name} with
   * {@code address} when given), then until the zone is ACTIVE at that serial; the secondaries are
   * asked first (every millisecond) so the probe does not load central.
   */
  static void waitServed(
      String url,
      String zone,
      long serial,
      List<SimpleResolver> secondaries,
      String name,
      String address,
      long start)
      throws Exception {
    for (SimpleResolver secondary : secondaries) {
      while (!serves(secondary, zone, serial, name, address)) {
        deadline(start, url);
        Thread.sleep(1);
      }
    }
    while (true) {
      String zoneJson = Bench.send("GET", url, null);
      String status = Bench.group(Bench.STATUS, zoneJson, "status");
      if (status.equals("ERROR")) {
        throw new IllegalStateException(url + " went to ERROR: " + zoneJson);
      }
      if (status.equals("ACTIVE") && Bench.atLeast(Bench.serialOf(zoneJson), serial)) {
        return;
      }
      deadline(start, url);
      Thread.sleep(5);
    }
  }

  static boolean serves(
      SimpleResolver secondary, String zone, long serial, String name, String address)
      throws Exception {
    Optional<Long> served;
    try {
      served = Bench.soaSerial(secondary, zone);
    } catch (java.io.IOException e) {
      return false;
    }
    if (served.isEmpty() || !Bench.atLeast(served.get(), serial)) {
      return false;
    }
    if (name == null) {
      return true;
    }
    Message answer =
        secondary.send(
            Message.newQuery(
                org.xbill.DNS.Record.newRecord(
                    Name.fromString(name), org.xbill.DNS.Type.A, DClass.IN)));
    return answer.getSection(org.xbill.DNS.Section.ANSWER).stream()
        .anyMatch(r -> r instanceof ARecord a && a.getAddress().getHostAddress().equals(address));
  }

  static void deadline(long start, String url) {
    if (System.nanoTime() - start > DEADLINE.toNanos()) {
      throw new IllegalStateException(url + " not served within " + DEADLINE);
    }
  }

  static void firstPull(
      String api,
      int primaryPort,
      String zone,
      String lastName,
      Path primaryLog,
      String pid,
      String metrics,
      List<Integer> ports)
      throws Exception {
    SimpleResolver primary = Bench.resolver(primaryPort);
    List<SimpleResolver> secondaries = ports.stream().map(Bench::resolver).toList();
    long serial = Bench.soaSerial(primary, zone).orElseThrow();
    String lastAddress =
        ((ARecord)
                primary
                    .send(
                        Message.newQuery(
                            org.xbill.DNS.Record.newRecord(
                                Name.fromString(lastName), org.xbill.DNS.Type.A, DClass.IN)))
                    .getSection(org.xbill.DNS.Section.ANSWER)
                    .getFirst())
            .getAddress()
            .getHostAddress();
    String apex = zone.substring(0, zone.length() - 1);
    long logStart = Files.size(primaryLog);

    fullGc(pid);
    double baseline = heapUsed(metrics);
    AtomicLong peak = new AtomicLong(Double.doubleToLongBits(baseline));
    AtomicLong live = new AtomicLong(Double.doubleToLongBits(baseline));
    AtomicLong gcs = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    // the used heap, garbage included; a loaded central may take a while to answer
    Thread sampler =
        Thread.ofPlatform()
            .start(() -> {
              while (running.get()) {
                try {
                  max(peak, heapUsed(metrics));
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                } catch (Exception e) {
                  // a missed sample; the next one counts
                }
              }
            });
    // the live heap: a full GC every second while the primary sends the AXFR (BIND's xfer-out log:
    // "transfer of 'zone/IN': AXFR started" ... "AXFR ended"); the used heap read right after it
    // counts what was allocated since too, so it is an upper bound
    Thread collector =
        Thread.ofPlatform()
            .start(() -> {
              long lastGc = System.nanoTime() - 2_000_000_000L;
              while (running.get()) {
                try {
                  String log = Files.readString(primaryLog).substring((int) logStart);
                  boolean streaming =
                      log.contains("transfer of '" + apex + "/IN': AXFR started")
                          && !log.contains("transfer of '" + apex + "/IN': AXFR ended");
                  if (streaming && System.nanoTime() - lastGc > 1_000_000_000L) {
                    lastGc = System.nanoTime();
                    fullGc(pid);
                    max(live, heapUsed(metrics));
                    gcs.incrementAndGet();
                  }
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  return;
                } catch (Exception e) {
                  // try again at the next look
                }
              }
            });
    long start = System.nanoTime();
    String url;
    try {
      url = createSecondary(api, zone, primaryPort);
      waitServed(url, zone, serial, secondaries, lastName, lastAddress, start);
    } finally {
      running.set(false);
      sampler.join();
      collector.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Bench.send("DELETE", url, null);
    double mib = 1024 * 1024;
    System.out.printf(
        Locale.ROOT,
        "%.2f %.1f %.1f %d%n",
        seconds,
        (Double.longBitsToDouble(live.get()) - baseline) / mib,
        (Double.longBitsToDouble(peak.get()) - baseline) / mib,
        gcs.get());
  }

  static void max(AtomicLong holder, double value) {
    holder.getAndUpdate(
        p -> Double.doubleToLongBits(Math.max(Double.longBitsToDouble(p), value)));
  }

  static void fullGc(String pid) throws Exception {
    new ProcessBuilder("jcmd", pid, "GC.run").redirectErrorStream(true).start().waitFor();
  }

  static double heapUsed(String metrics) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(metrics + "/actuator/metrics/jvm.memory.used?tag=area:heap"))
            .build();
    String body = Bench.HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    return Double.parseDouble(Bench.group(VALUE, body, "heap value"));
  }
}
