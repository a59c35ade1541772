import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Workload 1 of the benchmark: one recordset change at a time into an existing zone; for each,
 * the time from the REST response to the zone ACTIVE and the record answering on every secondary.
 * Usage: java -cp dnsjava.jar Latency.java API_BASE SAMPLES SECONDARY_PORT...
 * Prints one line: p50_ms p99_ms max_ms samples.
 */
public class Latency {

  static final HttpClient http = HttpClient.newHttpClient();
  static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z]+)\"");
  static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]+)\"");
  static final long DEADLINE_NANOS = Duration.ofSeconds(30).toNanos();

  public static void main(String[] args) throws Exception {
    String api = args[0];
    int samples = Integer.parseInt(args[1]);
    List<Integer> ports = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      ports.add(Integer.parseInt(args[i]));
    }
    String zone = "lat-" + UUID.randomUUID().toString().substring(0, 8) + ".bench.";
    String created =
        send("POST", api + "/v2/zones", "{\"name\":\"" + zone + "\",\"email\":\"b@bench.example\",\"ttl\":300}");
    Matcher id = ID.matcher(created);
    if (!id.find()) {
      throw new IllegalStateException("zone not created: " + created);
    }
    String zonePath = api + "/v2/zones/" + id.group(1);
    waitActive(zonePath, System.nanoTime());
    List<Double> latencies = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      String name = "r" + i + "." + zone;
      String body =
          "{\"name\":\"" + name + "\",\"type\":\"A\",\"records\":[\"192.0.2." + (i % 250 + 1) + "\"]}";
      send("POST", zonePath + "/recordsets", body);
      long start = System.nanoTime();
      waitActive(zonePath, start);
      for (int port : ports) {
        waitAnswer(port, name, start);
      }
      latencies.add((System.nanoTime() - start) / 1e6);
    }
    send("DELETE", zonePath, null);
    Collections.sort(latencies);
    System.out.printf(
        Locale.ROOT,
        "%.2f %.2f %.2f %d%n",
        percentile(latencies, 50),
        percentile(latencies, 99),
        latencies.getLast(),
        latencies.size());
  }

  static double percentile(List<Double> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  static void waitActive(String zonePath, long start) throws Exception {
    while (System.nanoTime() - start < DEADLINE_NANOS) {
      Matcher m = STATUS.matcher(send("GET", zonePath, null));
      if (m.find()) {
        if (m.group(1).equals("ACTIVE")) {
          return;
        }
        if (m.group(1).equals("ERROR")) {
          throw new IllegalStateException("zone went to ERROR");
        }
      }
      Thread.sleep(1);
    }
    throw new IllegalStateException("zone not ACTIVE within 30 s");
  }

  static void waitAnswer(int port, String name, long start) throws Exception {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
    resolver.setPort(port);
    resolver.setTimeout(Duration.ofMillis(500));
    Message query = Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
    while (System.nanoTime() - start < DEADLINE_NANOS) {
      Message answer = resolver.send(query);
      if (answer.getRcode() == Rcode.NOERROR && !answer.getSection(Section.ANSWER).isEmpty()) {
        return;
      }
      Thread.sleep(1);
    }
    throw new IllegalStateException(name + " not served on port " + port + " within 30 s");
  }

  static String send(String method, String url, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).header("X-Auth-Project-ID", "bench");
    if (body != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(method + " " + url + " -> " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }
}
