import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * bin/zonecast chaos: a steady workload of zone and recordset changes through HAProxy while faults
 * are injected one after another (through {@code bin/lib/chaos op ...}), then a wait for quiet and
 * the checks. Every change is an object's new state (a zone exists or not; a recordset's address or
 * its absence); an answer 2xx makes it the expected state, any other answer (or none) makes the
 * object uncertain: it is left alone afterwards, and either its last expected state or the one asked
 * for is accepted. A change answered 2xx is served when its object's final state is right in the API
 * and in the AXFR of both BIND9 secondaries; otherwise it is lost.
 *
 * <p>recovered_s of a fault: seconds from its injection until a probe change made after the
 * injection (an A recordset in the probe zone, posted again with a new name until answered 2xx) is
 * ACTIVE in the API and answered by both BIND9.
 */
final class Chaos {

  static final String PROJECT = "chaos";
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  final String api;
  final int minutes;
  final int clients;
  final long intervalMs;
  final List<Integer> bindPorts = new ArrayList<>();
  final String opScript;
  final Path results;
  final long start = System.nanoTime();
  volatile boolean stopWorkload;

  final AtomicLong accepted = new AtomicLong();
  final AtomicLong errors5xx = new AtomicLong();
  final AtomicLong errors4xx = new AtomicLong();
  final AtomicLong noAnswer = new AtomicLong();
  final List<ZoneObj> zones = new CopyOnWriteArrayList<>();
  final List<Map<String, Object>> faults = new CopyOnWriteArrayList<>();
  final AtomicInteger probeCounter = new AtomicInteger();
  ZoneObj probeZone;

  Chaos(Map<String, String> a) {
    api = a.get("api");
    minutes = Integer.parseInt(a.getOrDefault("minutes", "5"));
    clients = Integer.parseInt(a.getOrDefault("clients", "4"));
    intervalMs = Long.parseLong(a.getOrDefault("interval-ms", "250"));
    for (String p : a.get("bind").split(",")) {
      bindPorts.add(Integer.parseInt(p));
    }
    opScript = a.get("op");
    results = Path.of(a.get("results"));
  }

  // ------------------------------------------------------------------ the model

  /** An object's state: present with this address (recordset) or present (zone), or absent. */
  static final class ZoneObj {
    final String name;
    volatile String id;
    volatile boolean expectPresent;
    volatile boolean uncertain; // the last change had no 2xx answer: either state is accepted
    volatile boolean deleting;
    final AtomicInteger acceptedChanges = new AtomicInteger();
    final List<RsObj> recordsets = new CopyOnWriteArrayList<>();

    ZoneObj(String name) {
      this.name = name;
    }

    String url(String api) {
      return api + "/v2/zones/" + id;
    }
  }

  static final class RsObj {
    final String name;
    volatile String id;
    volatile String expected; // address, or null: absent
    volatile String alternative; // when uncertain: the state asked for
    volatile boolean uncertain;
    final AtomicInteger acceptedChanges = new AtomicInteger();

    RsObj(String name) {
      this.name = name;
    }

    boolean acceptable(String actual) {
      return Objects.equals(actual, expected) || (uncertain && Objects.equals(actual, alternative));
    }
  }

  double seconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  void log(String text) {
    System.out.printf(Locale.ROOT, "[%7.1f s] %s%n", seconds(), text);
    System.out.flush();
  }

  // ------------------------------------------------------------------ HTTP

  record Response(int status, String body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /** A call; status -1 when there was no answer. */
  Response call(String method, String url, String body, boolean allProjects) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(30))
              .header("X-Auth-Project-ID", PROJECT);
      if (allProjects) {
        request.header("X-Auth-All-Projects", "true");
      }
      if (body != null) {
        request.header("Content-Type", "application/json");
        request.method(method, HttpRequest.BodyPublishers.ofString(body));
      } else {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      }
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Response(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Response(-1, e.toString());
    }
  }

  /** A change: counted as accepted (2xx), 5xx, 4xx or unanswered. */
  Response change(String method, String url, String body) {
    Response r = call(method, url, body, false);
    if (r.ok()) {
      accepted.incrementAndGet();
    } else if (r.status >= 500) {
      errors5xx.incrementAndGet();
      log(method + " " + url + " -> " + r.status + " " + r.body.substring(0, Math.min(200, r.body.length())).strip());
    } else if (r.status >= 400) {
      errors4xx.incrementAndGet();
      log(method + " " + url + " -> " + r.status + " " + r.body);
    } else {
      noAnswer.incrementAndGet();
      log(method + " " + url + ": no answer (" + r.body + ")");
    }
    return r;
  }

  // ------------------------------------------------------------------ workload

  ZoneObj createZone(String label) {
    ZoneObj z = new ZoneObj(label + "-" + UUID.randomUUID().toString().substring(0, 8) + ".chaos.");
    zones.add(z);
    Response r =
        change(
            "POST",
            api + "/v2/zones",
            "{\"name\":\"" + z.name + "\",\"email\":\"ops@chaos.example\",\"ttl\":300}");
    if (r.ok()) {
      z.id = (String) ((Map<?, ?>) Json.parse(r.body)).get("id");
      z.expectPresent = true;
      z.acceptedChanges.incrementAndGet();
    } else {
      z.uncertain = true;
    }
    return z;
  }

  void client(int index) {
    Random random = new Random(index * 7919L + System.nanoTime());
    List<ZoneObj> mine = new ArrayList<>();
    int address = 0;
    while (!stopWorkload) {
      mine.removeIf(z -> z.uncertain || !z.expectPresent);
      double dice = random.nextDouble();
      if (mine.size() < 2 || (dice < 0.04 && mine.size() < 6)) {
        ZoneObj z = createZone("c" + index);
        if (z.expectPresent) {
          mine.add(z);
        }
      } else if (dice < 0.06 && mine.size() > 2) {
        ZoneObj z = mine.remove(random.nextInt(mine.size()));
        z.deleting = true;
        Response r = change("DELETE", z.url(api), null);
        if (r.ok()) {
          z.expectPresent = false;
          z.acceptedChanges.incrementAndGet();
        } else {
          z.uncertain = true;
        }
      } else {
        ZoneObj z = mine.get(random.nextInt(mine.size()));
        List<RsObj> live =
            z.recordsets.stream().filter(rs -> !rs.uncertain && rs.expected != null).toList();
        double what = random.nextDouble();
        address++;
        String ip = "10." + index + "." + ((address >> 8) & 255) + "." + (address & 255);
        if (live.isEmpty() || what < 0.5) {
          RsObj rs = new RsObj("r" + address + "." + z.name);
          z.recordsets.add(rs);
          Response r =
              change(
                  "POST",
                  z.url(api) + "/recordsets",
                  "{\"name\":\"" + rs.name + "\",\"type\":\"A\",\"records\":[\"" + ip + "\"]}");
          settle(rs, r, ip);
          if (r.ok()) {
            rs.id = (String) ((Map<?, ?>) Json.parse(r.body)).get("id");
          }
        } else if (what < 0.8) {
          RsObj rs = live.get(random.nextInt(live.size()));
          Response r =
              change(
                  "PUT",
                  z.url(api) + "/recordsets/" + rs.id,
                  "{\"records\":[\"" + ip + "\"]}");
          settle(rs, r, ip);
        } else {
          RsObj rs = live.get(random.nextInt(live.size()));
          Response r = change("DELETE", z.url(api) + "/recordsets/" + rs.id, null);
          settle(rs, r, null);
        }
      }
      sleep(intervalMs);
    }
  }

  static void settle(RsObj rs, Response r, String state) {
    if (r.ok()) {
      rs.expected = state;
      rs.acceptedChanges.incrementAndGet();
    } else {
      rs.uncertain = true;
      rs.alternative = state;
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ------------------------------------------------------------------ faults and probes

  String op(String... args) {
    List<String> command = new ArrayList<>(List.of("bash", opScript, "op"));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      int rc = p.waitFor();
      if (rc != 0) {
        throw new IllegalStateException("op " + String.join(" ", args) + " exited " + rc);
      }
      return out.strip();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  interface Step {
    void run() throws Exception;
  }

  /** prepare runs before the injection's clock starts (e.g. finding the quorum queues' leader). */
  record Fault(String name, Step prepare, Step inject, long pauseSeconds, Step restore) {
    Fault(String name, Step inject, long pauseSeconds, Step restore) {
      this(name, () -> {}, inject, pauseSeconds, restore);
    }
  }

  /**
   * One probe after a fault: an A recordset in the probe zone, posted again (new name) until answered
   * 2xx, then awaited ACTIVE in the API and answered by both BIND9. Returns seconds since injection,
   * or -1 when not served within the bound.
   */
  double probe(long injectedNanos, long boundSeconds) {
    long deadline = injectedNanos + Duration.ofSeconds(boundSeconds).toNanos();
    RsObj rs = null;
    String ip = null;
    while (System.nanoTime() < deadline) {
      int n = probeCounter.incrementAndGet();
      rs = new RsObj("p" + n + "." + probeZone.name);
      ip = "192.0.2." + (n % 250 + 1);
      probeZone.recordsets.add(rs);
      Response r =
          change(
              "POST",
              probeZone.url(api) + "/recordsets",
              "{\"name\":\"" + rs.name + "\",\"type\":\"A\",\"records\":[\"" + ip + "\"]}");
      settle(rs, r, ip);
      if (r.ok()) {
        rs.id = (String) ((Map<?, ?>) Json.parse(r.body)).get("id");
        break;
      }
      rs = null;
      sleep(500);
    }
    if (rs == null) {
      return -1;
    }
    while (System.nanoTime() < deadline) {
      Response r = call("GET", probeZone.url(api) + "/recordsets/" + rs.id, null, false);
      if (r.ok() && "ACTIVE".equals(((Map<?, ?>) Json.parse(r.body)).get("status"))) {
        boolean all = true;
        for (int port : bindPorts) {
          all &= ip.equals(addressOn(port, rs.name));
        }
        if (all) {
          return (System.nanoTime() - injectedNanos) / 1e9;
        }
      }
      sleep(200);
    }
    return -1;
  }

  List<Fault> faults() {
    return List.of(
        new Fault(
            "kill -9 central-1", () -> op("kill9", "central-1"), 10, () -> op("start", "central-1")),
        new Fault(
            "kill -9 pool-manager-1",
            () -> op("kill9", "pool-manager-1"),
            10,
            () -> op("start", "pool-manager-1")),
        new Fault(
            "kill -9 minidns-1", () -> op("kill9", "minidns-1"), 10, () -> op("start", "minidns-1")),
        rabbitFault(),
        new Fault("restart PostgreSQL primary", () -> op("pg-restart-primary"), 0, () -> {}),
        new Fault(
            "stop PostgreSQL standby",
            () -> op("pg-stop-standby"),
            30,
            () -> op("pg-start-standby")),
        new Fault(
            "SIGSTOP bind9-1 for 30 s",
            () -> op("sigstop", "bind9-1"),
            30,
            () -> op("sigcont", "bind9-1")));
  }

  Fault rabbitFault() {
    String[] node = new String[1];
    return new Fault(
        "stop RabbitMQ node leading the quorum queues",
        () -> {
          node[0] = op("rabbit-leader");
          if (node[0].isEmpty()) {
            node[0] = "1";
          }
          log("quorum queue leaders mostly on zc-rabbit-" + node[0]);
        },
        () -> op("rabbit-stop", node[0]),
        20,
        () -> op("rabbit-start", node[0]));
  }

  /**
   * The faults, injected one after another: the next one once its time has come and the previous
   * one has recovered (its probe is served). Restoring (starting a killed service again, which takes
   * minutes on a loaded machine) runs beside, after the fault's pause.
   */
  void runFaults() throws Exception {
    List<Fault> list = faults();
    double budget = minutes * 60.0;
    double warmup = Math.min(20, budget / 10);
    double spacing = (budget - warmup - 20) / list.size();
    List<Thread> restorers = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Fault fault = list.get(i);
      double at = warmup + i * spacing;
      while (seconds() < at) {
        sleep(200);
      }
      Map<String, Object> f = Collections.synchronizedMap(new LinkedHashMap<>());
      try {
        fault.prepare.run();
      } catch (Exception e) {
        f.put("error", "preparation failed: " + e.getMessage());
      }
      long injected = System.nanoTime();
      f.put("fault", fault.name);
      f.put("at_s", round(seconds()));
      log("fault: " + fault.name);
      try {
        fault.inject.run();
      } catch (Exception e) {
        f.put("error", "injection failed: " + e.getMessage());
        log("  injection failed: " + e.getMessage());
      }
      restorers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    sleep(fault.pauseSeconds * 1000);
                    try {
                      fault.restore.run();
                    } catch (Exception e) {
                      f.put("error", "restore failed: " + e.getMessage());
                      log("  " + fault.name + ": restore failed: " + e.getMessage());
                    }
                    double restored = (System.nanoTime() - injected) / 1e9;
                    f.put("restored_s", round(restored));
                    log("  " + fault.name + ": restored after " + round(restored) + " s");
                  }));
      double recovered = probe(injected, 300);
      f.put("recovered_s", recovered < 0 ? null : round(recovered));
      f.putIfAbsent("restored_s", null);
      faults.add(f);
      log(
          "  "
              + fault.name
              + ": recovered after "
              + (recovered < 0 ? "NOT within 300 s" : round(recovered) + " s"));
    }
    for (Thread t : restorers) {
      t.join();
    }
  }

  static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  // ------------------------------------------------------------------ DNS

  SimpleResolver resolver(int port) {
    SimpleResolver r = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    r.setTimeout(Duration.ofSeconds(2));
    return r;
  }

  /** The address the secondary answers for the name, or null. */
  String addressOn(int port, String name) {
    try {
      Message answer =
          resolver(port).send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN)));
      for (Record r : answer.getSection(Section.ANSWER)) {
        if (r.getType() == Type.A) {
          return r.rdataToString();
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  /** The SOA serial the secondary serves for the zone, or -1 (not served / no answer). */
  long soaOn(int port, String zone) {
    try {
      Message answer =
          resolver(port).send(Message.newQuery(Record.newRecord(Name.fromString(zone), Type.SOA, DClass.IN)));
      if (answer.getRcode() != Rcode.NOERROR) {
        return -1;
      }
      for (Record r : answer.getSection(Section.ANSWER)) {
        if (r instanceof SOARecord soa) {
          return soa.getSerial();
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  /** "name type rdata" of every record but the SOA in the secondary's AXFR, with the SOA serial. */
  record Axfr(long serial, Set<String> records) {}

  Axfr axfr(int port, String zone) {
    try {
      ZoneTransferIn xfr =
          ZoneTransferIn.newAXFR(
              Name.fromString(zone), new InetSocketAddress(InetAddress.getLoopbackAddress(), port), null);
      xfr.setTimeout(Duration.ofSeconds(20));
      xfr.run();
      long serial = -1;
      Set<String> records = new TreeSet<>();
      for (Record r : xfr.getAXFR()) {
        if (r instanceof SOARecord soa) {
          serial = soa.getSerial();
        } else {
          records.add(key(r.getName().toString(), Type.string(r.getType()), r.rdataToString()));
        }
      }
      return new Axfr(serial, records);
    } catch (Exception e) {
      return new Axfr(-1, Set.of());
    }
  }

  static String key(String name, String type, String data) {
    return name.toLowerCase(Locale.ROOT) + " " + type + " " + data.toLowerCase(Locale.ROOT);
  }

  // ------------------------------------------------------------------ the API's state

  /** Every item of a paged list (following links.next). */
  List<Map<?, ?>> list(String url, String key) {
    List<Map<?, ?>> items = new ArrayList<>();
    String next = url;
    while (next != null) {
      Response r = call("GET", next, null, true);
      if (!r.ok()) {
        throw new IllegalStateException("GET " + next + " -> " + r.status + " " + r.body);
      }
      Map<?, ?> page = (Map<?, ?>) Json.parse(r.body);
      for (Object o : (List<?>) page.get(key)) {
        items.add((Map<?, ?>) o);
      }
      Map<?, ?> links = (Map<?, ?>) page.get("links");
      next = links == null ? null : (String) links.get("next");
    }
    return items;
  }

  List<Map<?, ?>> apiZones() {
    return list(api + "/v2/zones?limit=1000", "zones");
  }

  /** "name type rdata" of every recordset of the zone but the SOA. */
  Set<String> apiRecords(String zoneId, Map<String, String> addresses) {
    Set<String> records = new TreeSet<>();
    for (Map<?, ?> rs : list(api + "/v2/zones/" + zoneId + "/recordsets?limit=1000", "recordsets")) {
      String type = (String) rs.get("type");
      if (type.equals("SOA")) {
        continue;
      }
      for (Object data : (List<?>) rs.get("records")) {
        records.add(key((String) rs.get("name"), type, (String) data));
        if (type.equals("A")) {
          addresses.put(((String) rs.get("name")).toLowerCase(Locale.ROOT), (String) data);
        }
      }
    }
    return records;
  }

  // ------------------------------------------------------------------ quiet and checks

  Map<String, Long> queues() {
    Map<String, Long> queues = new LinkedHashMap<>();
    for (String line : op("queues").split("\n")) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length == 2 && parts[1].matches("\\d+")) {
        queues.put(parts[0], Long.parseLong(parts[1]));
      }
    }
    return queues;
  }

  /** Empty when quiet, else what is not. */
  String notQuiet() {
    List<Map<?, ?>> apiZones = apiZones();
    for (Map<?, ?> z : apiZones) {
      if (!"ACTIVE".equals(z.get("status"))) {
        return z.get("name") + " is " + z.get("status") + " " + z.get("action");
      }
    }
    long outbox = Long.parseLong(op("outbox"));
    if (outbox != 0) {
      return outbox + " events in the outbox";
    }
    for (Map.Entry<String, Long> q : queues().entrySet()) {
      if (q.getValue() != 0 && !q.getKey().contains("dead-letter")) {
        return "queue " + q.getKey() + " holds " + q.getValue();
      }
    }
    for (Map<?, ?> z : apiZones) {
      long serial = ((Number) z.get("serial")).longValue();
      for (int port : bindPorts) {
        long served = soaOn(port, (String) z.get("name"));
        if (served != serial) {
          return z.get("name") + " serial " + serial + " but " + served + " on 127.0.0.1:" + port;
        }
      }
    }
    return "";
  }

  Map<String, Object> check() {
    Map<String, Object> checks = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    List<Map<?, ?>> apiZones = apiZones();
    Map<String, Map<?, ?>> byId = new HashMap<>();
    Set<String> apiNames = new HashSet<>();
    for (Map<?, ?> z : apiZones) {
      byId.put((String) z.get("id"), z);
      apiNames.add(((String) z.get("name")).toLowerCase(Locale.ROOT));
    }
    // every zone of the API: ACTIVE, at its serial on both BIND9, the same records in each AXFR
    int notActive = 0;
    int wrongSerial = 0;
    int axfrDiffers = 0;
    Map<String, Map<String, String>> apiAddresses = new HashMap<>();
    Map<String, List<Axfr>> transfers = new HashMap<>();
    for (Map<?, ?> z : apiZones) {
      String name = (String) z.get("name");
      String id = (String) z.get("id");
      if (!"ACTIVE".equals(z.get("status"))) {
        notActive++;
        problems.add(name + " is " + z.get("status"));
      }
      long serial = ((Number) z.get("serial")).longValue();
      Map<String, String> addresses = new HashMap<>();
      Set<String> records = apiRecords(id, addresses);
      apiAddresses.put(id, addresses);
      List<Axfr> axfrs = new ArrayList<>();
      for (int port : bindPorts) {
        Axfr a = axfr(port, name);
        axfrs.add(a);
        if (a.serial != serial) {
          wrongSerial++;
          problems.add(name + " serial " + serial + " in the API, " + a.serial + " from 127.0.0.1:" + port);
        }
        if (!a.records.equals(records)) {
          axfrDiffers++;
          Set<String> missing = new TreeSet<>(records);
          missing.removeAll(a.records);
          Set<String> extra = new TreeSet<>(a.records);
          extra.removeAll(records);
          problems.add(name + " on 127.0.0.1:" + port + ": missing " + missing + ", not in the API " + extra);
        }
      }
      transfers.put(id, axfrs);
    }
    checks.put("zones_in_api", apiZones.size());
    checks.put("zones_not_active", notActive);
    checks.put("zones_at_wrong_serial", wrongSerial);
    checks.put("zone_transfers_differing_from_api", axfrDiffers);

    // every change answered 2xx: its object's final state in the API and both AXFRs
    long served = 0;
    long lost = 0;
    for (ZoneObj z : zones) {
      boolean inApi = z.id != null && byId.containsKey(z.id);
      boolean zoneOk = z.uncertain || inApi == z.expectPresent;
      if (z.expectPresent && inApi) {
        zoneOk &= "ACTIVE".equals(byId.get(z.id).get("status"));
        for (Axfr a : transfers.get(z.id)) {
          zoneOk &= a.serial == ((Number) byId.get(z.id).get("serial")).longValue();
        }
      }
      if (!z.expectPresent && !z.uncertain) {
        for (int port : bindPorts) {
          if (soaOn(port, z.name) >= 0) {
            zoneOk = false;
            problems.add("deleted zone " + z.name + " still served by 127.0.0.1:" + port);
          }
        }
      }
      if (zoneOk) {
        served += z.acceptedChanges.get();
      } else {
        lost += z.acceptedChanges.get();
        problems.add("zone " + z.name + " (" + z.id + "): expected " + (z.expectPresent ? "present" : "absent") + ", in the API: " + inApi);
      }
      for (RsObj rs : z.recordsets) {
        boolean ok;
        if (!inApi) {
          // the zone is gone (deleted, as accepted, or never created): so are its recordsets
          ok = zoneOk;
        } else {
          String key = rs.name.toLowerCase(Locale.ROOT);
          String inApiAddress = apiAddresses.get(z.id).get(key);
          ok = rs.acceptable(inApiAddress);
          int i = 0;
          for (Axfr a : transfers.get(z.id)) {
            String onTarget = null;
            for (String r : a.records) {
              if (r.startsWith(key + " A ")) {
                onTarget = r.substring((key + " A ").length());
              }
            }
            if (!Objects.equals(onTarget, inApiAddress)) {
              ok = false;
              problems.add(rs.name + ": " + inApiAddress + " in the API, " + onTarget + " on 127.0.0.1:" + bindPorts.get(i));
            }
            i++;
          }
          if (!rs.acceptable(inApiAddress)) {
            problems.add(rs.name + ": expected " + rs.expected + (rs.uncertain ? " or " + rs.alternative : "") + ", in the API " + inApiAddress);
          }
        }
        if (ok) {
          served += rs.acceptedChanges.get();
        } else {
          lost += rs.acceptedChanges.get();
        }
      }
    }
    checks.put("served", served);
    checks.put("lost", lost);

    // no zone on a target that the API does not have
    int strangers = 0;
    for (int i = 1; i <= bindPorts.size(); i++) {
      for (String zone : op("bind-zones", String.valueOf(i)).split("\n")) {
        String name = zone.isBlank() ? null : (zone.endsWith(".") ? zone : zone + ".").toLowerCase(Locale.ROOT);
        if (name != null && !apiNames.contains(name)) {
          strangers++;
          problems.add("bind9-" + i + " has " + name + ", which the API does not");
        }
      }
    }
    checks.put("zones_on_targets_not_in_api", strangers);
    long outbox = Long.parseLong(op("outbox"));
    checks.put("outbox", outbox);
    Map<String, Long> queues = queues();
    long inQueues = queues.entrySet().stream().filter(e -> !e.getKey().contains("dead-letter")).mapToLong(Map.Entry::getValue).sum();
    long deadLetters = queues.entrySet().stream().filter(e -> e.getKey().contains("dead-letter")).mapToLong(Map.Entry::getValue).sum();
    checks.put("messages_in_queues", inQueues);
    checks.put("dead_letters", deadLetters);
    if (deadLetters > 0) {
      for (String line : op("dead-letter-log").split("\n")) {
        problems.add("dead letter: " + line.strip());
      }
    }
    checks.put("problems", problems.size() > 50 ? problems.subList(0, 50) : problems);
    return checks;
  }

  // ------------------------------------------------------------------ main

  int run() throws Exception {
    log("creating the probe zone");
    probeZone = null;
    while (probeZone == null) {
      ZoneObj z = createZone("probe");
      if (z.expectPresent) {
        probeZone = z;
      } else {
        sleep(1000);
      }
    }
    List<Thread> workers = new ArrayList<>();
    for (int i = 1; i <= clients; i++) {
      int index = i;
      workers.add(Thread.ofPlatform().name("client-" + i).start(() -> client(index)));
    }
    log(clients + " clients, one change each every " + intervalMs + " ms, for " + minutes + " min");
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              while (!stopWorkload) {
                sleep(30_000);
                log("  so far " + accepted + " accepted, " + errors5xx + " 5xx, " + errors4xx + " 4xx, " + noAnswer + " unanswered");
              }
            });
    runFaults();
    while (seconds() < minutes * 60.0) {
      sleep(500);
    }
    stopWorkload = true;
    for (Thread t : workers) {
      t.join();
    }
    double workloadEnd = seconds();
    log("workload stopped: " + accepted + " changes accepted, " + errors5xx + " answered 5xx, "
        + errors4xx + " 4xx, " + noAnswer + " unanswered; waiting for quiet (at most 600 s)");
    String why = "not checked";
    long quietDeadline = System.nanoTime() + Duration.ofSeconds(600).toNanos();
    while (System.nanoTime() < quietDeadline) {
      try {
        why = notQuiet();
      } catch (RuntimeException e) {
        why = e.getMessage();
      }
      if (why.isEmpty()) {
        break;
      }
      sleep(2000);
    }
    double quietS = seconds() - workloadEnd;
    log(why.isEmpty() ? "quiet after " + round(quietS) + " s" : "NOT quiet after 600 s: " + why);
    Map<String, Object> checks = check();
    long lost = (Long) checks.get("lost");
    double maxRecovery = 0;
    boolean allRecovered = true;
    for (Map<String, Object> f : faults) {
      if (f.get("recovered_s") == null) {
        allRecovered = false;
      } else {
        maxRecovery = Math.max(maxRecovery, (Double) f.get("recovered_s"));
      }
    }
    boolean pass =
        lost == 0
            && why.isEmpty()
            && allRecovered
            && (Integer) checks.get("zones_not_active") == 0
            && (Integer) checks.get("zones_at_wrong_serial") == 0
            && (Integer) checks.get("zone_transfers_differing_from_api") == 0
            && (Integer) checks.get("zones_on_targets_not_in_api") == 0
            && (Long) checks.get("outbox") == 0
            && (Long) checks.get("messages_in_queues") == 0
            && (Long) checks.get("dead_letters") == 0;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("accepted", accepted.get());
    out.put("served", checks.get("served"));
    out.put("lost", lost);
    out.put("errors_5xx", errors5xx.get());
    out.put("errors_4xx", errors4xx.get());
    out.put("unanswered", noAnswer.get());
    out.put("faults", faults);
    out.put("max_recovery_s", allRecovered ? round(maxRecovery) : null);
    out.put("minutes", minutes);
    out.put("clients", clients);
    out.put("quiet_after_s", why.isEmpty() ? round(quietS) : null);
    out.put("checks", checks);
    out.put("pass", pass);
    out.put("finished", Instant.now().toString());
    Files.writeString(results.resolve("chaos.json"), Json.write(out) + "\n");
    Files.writeString(results.resolve("chaos.md"), table(out, checks));
    System.out.print(table(out, checks));
    return pass ? 0 : 1;
  }

  String table(Map<String, Object> out, Map<String, Object> checks) {
    StringBuilder md = new StringBuilder();
    md.append("# zonecast chaos run (").append(out.get("finished")).append(")\n\n");
    md.append(minutes).append(" min, ").append(clients).append(" clients through HAProxy; ")
        .append(out.get("pass").equals(true) ? "**pass**" : "**FAIL**").append("\n\n");
    md.append("| accepted | served | lost | errors_5xx | 4xx | unanswered | max_recovery_s | quiet after (s) |\n");
    md.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    md.append("| ").append(out.get("accepted")).append(" | ").append(out.get("served")).append(" | ")
        .append(out.get("lost")).append(" | ").append(out.get("errors_5xx")).append(" | ")
        .append(out.get("errors_4xx")).append(" | ").append(out.get("unanswered")).append(" | ")
        .append(out.get("max_recovery_s")).append(" | ").append(out.get("quiet_after_s")).append(" |\n\n");
    md.append("| fault | at_s | recovered_s | restored_s |\n| --- | --- | --- | --- |\n");
    for (Map<String, Object> f : faults) {
      md.append("| ").append(f.get("fault")).append(" | ").append(f.get("at_s")).append(" | ")
          .append(f.get("recovered_s") == null ? "NOT recovered" : f.get("recovered_s")).append(" | ")
          .append(f.get("restored_s")).append(" |\n");
    }
    md.append("\n| check | value |\n| --- | --- |\n");
    for (Map.Entry<String, Object> c : checks.entrySet()) {
      if (!c.getKey().equals("problems")) {
        md.append("| ").append(c.getKey()).append(" | ").append(c.getValue()).append(" |\n");
      }
    }
    List<?> problems = (List<?>) checks.get("problems");
    if (!problems.isEmpty()) {
      md.append("\nProblems (first 50):\n\n");
      for (Object p : problems) {
        md.append("- ").append(p).append('\n');
      }
    }
    return md.toString();
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    System.exit(new Chaos(a).run());
  }

  /** Just enough JSON: parse to Map/List/String/Number/Boolean/null, and write the same back. */
  static final class Json {
    private final String s;
    private int i;

    private Json(String s) {
      this.s = s;
    }

    static Object parse(String text) {
      Json j = new Json(text);
      Object v = j.value();
      return v;
    }

    private void ws() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private Object value() {
      ws();
      char c = s.charAt(i);
      switch (c) {
        case '{' -> {
          i++;
          Map<String, Object> m = new LinkedHashMap<>();
          ws();
          if (s.charAt(i) == '}') {
            i++;
            return m;
          }
          while (true) {
            ws();
            String k = string();
            ws();
            i++; // :
            m.put(k, value());
            ws();
            if (s.charAt(i++) == '}') {
              return m;
            }
          }
        }
        case '[' -> {
          i++;
          List<Object> l = new ArrayList<>();
          ws();
          if (s.charAt(i) == ']') {
            i++;
            return l;
          }
          while (true) {
            l.add(value());
            ws();
            if (s.charAt(i++) == ']') {
              return l;
            }
          }
        }
        case '"' -> {
          return string();
        }
        case 't' -> {
          i += 4;
          return true;
        }
        case 'f' -> {
          i += 5;
          return false;
        }
        case 'n' -> {
          i += 4;
          return null;
        }
        default -> {
          int from = i;
          while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            i++;
          }
          String n = s.substring(from, i);
          return n.contains(".") || n.contains("e") || n.contains("E") ? Double.parseDouble(n) : Long.parseLong(n);
        }
      }
    }

    private String string() {
      StringBuilder b = new StringBuilder();
      i++; // opening quote
      while (true) {
        char c = s.charAt(i++);
        if (c == '"') {
          return b.toString();
        }
        if (c == '\\') {
          char e = s.charAt(i++);
          switch (e) {
            case 'n' -> b.append('\n');
            case 't' -> b.append('\t');
            case 'r' -> b.append('\r');
            case 'b' -> b.append('\b');
            case 'f' -> b.append('\f');
            case 'u' -> {
              b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
              i += 4;
            }
            default -> b.append(e);
          }
        } else {
          b.append(c);
        }
      }
    }

    static String write(Object v) {
      if (v == null) {
        return "null";
      }
      if (v instanceof String str) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : str.toCharArray()) {
          switch (c) {
            case '"' -> b.append("\\\"");
            case '\\' -> b.append("\\\\");
            case '\n' -> b.append("\\n");
            default -> {
              if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
              } else {
                b.append(c);
              }
            }
          }
        }
        return b.append('"').toString();
      }
      if (v instanceof Map<?, ?> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((k, x) -> parts.add(write(String.valueOf(k)) + ": " + write(x)));
        return "{" + String.join(", ", parts) + "}";
      }
      if (v instanceof List<?> l) {
        List<String> parts = new ArrayList<>();
        l.forEach(x -> parts.add(write(x)));
        return "[" + String.join(", ", parts) + "]";
      }
      return String.valueOf(v);
    }
  }
}
