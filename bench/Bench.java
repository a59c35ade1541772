import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * What the workloads share: the REST calls (project "bench"), waiting for a zone's status, and DNS
 * questions to the secondaries. Workloads run as source-file programs (java Latency.java ...); the
 * launcher compiles this file with them.
 */
final class Bench {

  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z]+)\"");
  static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]+)\"");
  static final Pattern SERIAL = Pattern.compile("\"serial\":([0-9]+)");

  private Bench() {}

  record Response(int status, String body) {}

  /**
   * CPU time (utime + stime, in ms) spent so far by the processes in BENCH_PIDS (the services and
   * BIND9; the workload program itself is not among them), from /proc/PID/stat; BENCH_CLK_TCK is
   * the kernel's clock tick (getconf CLK_TCK). 0 when BENCH_PIDS is not set.
   */
  static long cpuMillis() throws Exception {
    String pids = System.getenv().getOrDefault("BENCH_PIDS", "").trim();
    long hz = Long.parseLong(System.getenv().getOrDefault("BENCH_CLK_TCK", "100"));
    long ticks = 0;
    for (String pid : pids.isEmpty() ? new String[0] : pids.split("\\s+")) {
      String stat = Files.readString(Path.of("/proc", pid, "stat"));
      // fields after the command name, which is in parentheses and may hold spaces
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
    }
    return ticks * 1000 / hz;
  }

  static String uniqueLabel(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Creates a zone and returns its URL (API_BASE/v2/zones/ID). */
  static String createZone(String api, String name) throws Exception {
    String created =
        send(
            "POST",
            api + "/v2/zones",
            "{\"name\":\"" + name + "\",\"email\":\"b@bench.example\",\"ttl\":300}");
    return api + "/v2/zones/" + group(ID, created, "zone id");
  }

  static String createARecordset(String zoneUrl, String name, String address) throws Exception {
    return send(
        "POST",
        zoneUrl + "/recordsets",
        "{\"name\":\"" + name + "\",\"type\":\"A\",\"records\":[\"" + address + "\"]}");
  }

  static long serialOf(String zoneJson) {
    return Long.parseLong(group(SERIAL, zoneJson, "serial"));
  }

  static String group(Pattern pattern, String text, String what) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("no " + what + " in " + text);
    }
    return m.group(1);
  }

  /** Waits until the zone is ACTIVE; fails on ERROR or after the deadline. */
  /**
   * How long a probe waits between two questions: 1 ms for latency; the cost pass sets
   * BENCH_PROBE_MS higher, so the probe's own questions (each a GET to central or a query to BIND)
   * do not count as the cost of the change.
   */
  static final long PROBE_MS = Long.parseLong(System.getenv().getOrDefault("BENCH_PROBE_MS", "1"));

  static void waitActive(String zoneUrl, long startNanos, Duration deadline) throws Exception {
    while (System.nanoTime() - startNanos < deadline.toNanos()) {
      String status = group(STATUS, send("GET", zoneUrl, null), "status");
      if (status.equals("ACTIVE")) {
        return;
      }
      if (status.equals("ERROR")) {
        throw new IllegalStateException(zoneUrl + " went to ERROR");
      }
      Thread.sleep(PROBE_MS);
    }
    throw new IllegalStateException(zoneUrl + " not ACTIVE within " + deadline);
  }

  static SimpleResolver resolver(int port) {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
    resolver.setPort(port);
    resolver.setTimeout(Duration.ofMillis(500));
    return resolver;
  }

  /** True when the secondary answers the name and type with data. */
  static boolean answers(SimpleResolver resolver, String name, int type) throws Exception {
    Message query = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    Message answer = resolver.send(query);
    return answer.getRcode() == Rcode.NOERROR && !answer.getSection(Section.ANSWER).isEmpty();
  }

  /** The serial the server answers for the zone, if it serves it. */
  static Optional<Long> soaSerial(SimpleResolver resolver, String zone) throws Exception {
    Message query = Message.newQuery(Record.newRecord(Name.fromString(zone), Type.SOA, DClass.IN));
    Message answer = resolver.send(query);
    if (answer.getRcode() != Rcode.NOERROR) {
      return Optional.empty();
    }
    return answer.getSection(Section.ANSWER).stream()
        .filter(SOARecord.class::isInstance)
        .map(r -> ((SOARecord) r).getSerial())
        .findFirst();
  }

  /** True when serial a is b or newer (RFC 1982). */
  static boolean atLeast(long a, long b) {
    return a == b || ((a - b) & 0xFFFFFFFFL) < 0x80000000L;
  }

  static double percentile(List<Double> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  static List<Integer> ports(String[] args, int from) {
    List<Integer> ports = new ArrayList<>();
    for (int i = from; i < args.length; i++) {
      ports.add(Integer.parseInt(args[i]));
    }
    return ports;
  }

  static String format(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  static String send(String method, String url, String body) throws Exception {
    Response response = call(method, url, body);
    if (response.status() >= 300) {
      throw new IllegalStateException(
          method + " " + url + " -> " + response.status() + " " + response.body());
    }
    return response.body();
  }

  /**
   * A request that works on a whole zone (signing it, importing it) and so may outlast the 30 s of
   * {@link #call}: its own content type and timeout; the response whatever its status.
   */
  static HttpResponse<String> sendWhole(
      String method, String url, String contentType, String body, Duration timeout)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("X-Auth-Project-ID", "bench")
            .header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static Response call(String method, String url, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("X-Auth-Project-ID", "bench");
    if (body != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body());
  }
}
