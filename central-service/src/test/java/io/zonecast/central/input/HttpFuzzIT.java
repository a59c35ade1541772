package io.zonecast.central.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.testsupport.TestInfrastructure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16: a bounded, seeded HTTP fuzz against central on a real port with a real PostgreSQL.
 * Generated requests (methods, paths, query strings, headers, JSON and other bodies, encodings,
 * Content-Length and chunked framing) over raw sockets: none may get a 5xx, every error must be the
 * API's error body with the request id of its header, and central must be healthy afterwards with
 * its heap back near where it started. Then finding 2's reproduction, six chunked 100 MB bodies at
 * once, must each get 413. Central runs in this JVM, so the process's resident set ({@code VmRSS}
 * and its peak {@code VmHWM} in /proc/self/status) is central's plus the small client's: its peak
 * over the fuzz, its peak over the six bodies and what stays after a collection are bounded
 * (finding 2 took central from 1.4 to 2.4 GB). {@code -Dfuzz.requests} and {@code -Dfuzz.seed}
 * change the run (8,000 by default; {@code -Dfuzz.requests=20000} for the count); a failure
 * names the seed and the request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HttpFuzzIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("central_http_fuzz_it");
  static final int REQUESTS = Integer.getInteger("fuzz.requests", 8_000);
  static final long SEED = Long.getLong("fuzz.seed", 16L);
  static final int THREADS = 4;

  /** The heap may grow by this much over the run, measured after a full collection. */
  static final long HEAP_GROWTH_LIMIT = 96L * 1024 * 1024;

  /**
   * The resident set's peak over the fuzz may exceed where it started by this much: generous for
   * four fuzzing threads and the heap growing with them (20,000 requests peaked 384 MiB over the
   * start here), under the 1 GB that finding 2 added.
   */
  static final long RSS_PEAK_GROWTH_LIMIT = 768L * 1024 * 1024;

  /**
   * The six chunked 100 MB bodies may raise the resident set's peak by this much: each is refused
   * once 1 MB is read, while reading them whole took 1 GB.
   */
  static final long RSS_HUGE_PEAK_GROWTH_LIMIT = 256L * 1024 * 1024;

  /** What the resident set may keep after the whole run and a full collection. */
  static final long RSS_GROWTH_LIMIT = 384L * 1024 * 1024;

  /** Finding 2's reproduction: this many chunked bodies of {@link #HUGE_BODY} bytes at once. */
  static final int HUGE_REQUESTS = 6;

  static final int HUGE_BODY = 100_000_000;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add(
        "zonecast.central.pools-file",
        () -> HttpFuzzIT.class.getResource("/test-pools.yaml").getPath());
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @LocalServerPort int port;

  record Outcome(String request, RawHttp.Response response, String problem) {}

  @Test
  void generatedRequestsGetNo5xxAndOnlyTheApisErrorBodies() throws Exception {
    long heapBefore = heapAfterGc();
    ResidentSet.resetPeak();
    long rssBefore = ResidentSet.read().current();
    long started = System.nanoTime();
    ConcurrentLinkedQueue<Outcome> failures = new ConcurrentLinkedQueue<>();
    Map<Integer, AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> runs = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      long seed = SEED * 31 + t;
      runs.add(
          pool.submit(() -> {
            Generator generator = new Generator(new Random(seed));
            for (int i = 0; i < REQUESTS / THREADS && failures.size() < 20; i++) {
              Generator.Request request = generator.next();
              Outcome outcome = exchange(request);
              if (outcome.response() != null) {
                statuses
                    .computeIfAbsent(outcome.response().status(), s -> new AtomicInteger())
                    .incrementAndGet();
              }
              if (outcome.problem() != null) {
                failures.add(outcome);
              }
            }
            return null;
          }));
    }
    for (Future<?> run : runs) {
      run.get();
    }
    pool.shutdown();
    System.out.printf(
        "HttpFuzzIT: %d requests in %d s%n",
        REQUESTS, (System.nanoTime() - started) / 1_000_000_000L);

    assertThat(failures)
        .as(
            "seed %d: %s",
            SEED,
            failures.stream()
                .limit(5)
                .map(f ->
                    f.problem()
                        + "\n  request: "
                        + f.request()
                        + (f.response() == null
                            ? ""
                            : "\n  response: "
                                + f.response().status()
                                + " "
                                + f.response().headers()
                                + " "
                                + cut(f.response().text())))
                .toList())
        .isEmpty();
    Map<Integer, Integer> seen = new TreeMap<>();
    statuses.forEach((status, count) -> seen.put(status, count.get()));
    System.out.println("HttpFuzzIT seed " + SEED + ", " + REQUESTS + " requests, statuses " + seen);
    assertThat(seen.keySet())
        .as("the fuzz reaches the API, not only the refusals")
        .contains(200, 202, 400, 404);

    long fuzzPeak = ResidentSet.read().peak();
    heapAfterGc();
    ResidentSet.resetPeak();
    long rssBeforeHuge = ResidentSet.read().current();
    List<Integer> hugeStatuses = hugeChunkedBodiesAtOnce();
    long hugePeak = ResidentSet.read().peak();
    assertThat(hugeStatuses).as("six chunked 100 MB bodies").containsOnly(413);

    RawHttp.Response health =
        RawHttp.send(port, "GET /actuator/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asString()).isEqualTo("UP");
    long heapAfter = heapAfterGc();
    long rssAfter = ResidentSet.read().current();
    System.out.printf(
        "HttpFuzzIT heap after GC: %d MiB before, %d MiB after; RSS %d MiB before, fuzz peak %d"
            + " MiB, %d MiB before the 100 MB bodies, their peak %d MiB, %d MiB after GC%n",
        heapBefore >> 20,
        heapAfter >> 20,
        rssBefore >> 20,
        fuzzPeak >> 20,
        rssBeforeHuge >> 20,
        hugePeak >> 20,
        rssAfter >> 20);
    assertThat(heapAfter - heapBefore).isLessThan(HEAP_GROWTH_LIMIT);
    assertThat(fuzzPeak - rssBefore)
        .as("RSS peak growth over the fuzz")
        .isLessThan(RSS_PEAK_GROWTH_LIMIT);
    assertThat(hugePeak - rssBeforeHuge)
        .as("RSS peak growth with six chunked 100 MB bodies")
        .isLessThan(RSS_HUGE_PEAK_GROWTH_LIMIT);
    assertThat(rssAfter - rssBefore).as("RSS growth after GC").isLessThan(RSS_GROWTH_LIMIT);
  }

  /** Sends the chunked 100 MB bodies in parallel, generated as they go; their statuses. */
  private List<Integer> hugeChunkedBodiesAtOnce() throws Exception {
    String head =
        "POST /v2/zones HTTP/1.1\r\nHost: x\r\nX-Auth-Project-ID: p1\r\n"
            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
            + "Connection: close\r\n\r\n";
    ExecutorService senders = Executors.newFixedThreadPool(HUGE_REQUESTS);
    try {
      List<Future<Integer>> sent = new ArrayList<>();
      for (int i = 0; i < HUGE_REQUESTS; i++) {
        sent.add(
            senders.submit(() ->
                RawHttp.sendChunked(
                        port,
                        head,
                        "{\"name\":\"huge.example.org.\",\"description\":\"",
                        HUGE_BODY,
                        "\"}")
                    .status()));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> status : sent) {
        statuses.add(status.get());
      }
      return statuses;
    } finally {
      senders.shutdown();
    }
  }

  private Outcome exchange(Generator.Request request) {
    RawHttp.Response response;
    try {
      response = RawHttp.send(port, request.head(), request.body());
    } catch (IOException e) {
      return new Outcome(request.describe(), null, "no answer: " + e);
    }
    return new Outcome(request.describe(), response, problem(request, response));
  }

  /** What is wrong with the answer, or null. */
  static String problem(Generator.Request request, RawHttp.Response response) {
    int status = response.status();
    if (status >= 500) {
      return "a 5xx";
    }
    if (status < 400) {
      return null;
    }
    String id = response.header("X-OpenStack-Request-ID");
    if (id == null || !id.startsWith("req-")) {
      return "no X-OpenStack-Request-ID";
    }
    if (request.method().equals("HEAD")) {
      return null; // no body to check
    }
    String type = response.header("Content-Type");
    if (type == null || !type.startsWith("application/json")) {
      return "not the API's error body (Content-Type " + type + ")";
    }
    JsonNode body;
    try {
      body = response.json();
    } catch (RuntimeException e) {
      return "an error body that is not JSON";
    }
    List<String> keys = new ArrayList<>(body.propertyNames());
    if (!keys.equals(List.of("code", "type", "message", "request_id"))) {
      return "an error body with keys " + keys;
    }
    if (body.get("code").asInt() != status) {
      return "code " + body.get("code") + " for status " + status;
    }
    if (!body.get("request_id").asString().equals(id)) {
      return "request_id differs from X-OpenStack-Request-ID";
    }
    return null;
  }

  private static String cut(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }

  private static long heapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      memory.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** Requests from a seeded random source: mostly plausible API calls, bent in every way. */
  static final class Generator {

    record Request(String method, byte[] head, byte[] body) {
      String describe() {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        String shown = text.length() > 400 ? text.substring(0, 400) + "..." : text;
        return shown.replace("\r\n", "\\r\\n") + " [" + body.length + " body bytes]";
      }
    }

    private static final String[] METHODS = {
      "GET",
      "GET",
      "GET",
      "POST",
      "POST",
      "POST",
      "PATCH",
      "PUT",
      "DELETE",
      "HEAD",
      "OPTIONS",
      "TRACE",
      "FOO",
      "PROPFIND",
      "get",
      "CONNECT"
    };
    private static final String[] PATHS = {
      "/",
      "/v2",
      "/v2/",
      "/v2/zones",
      "/v2/zones/{id}",
      "/v2/zones/{id}/recordsets",
      "/v2/zones/{id}/recordsets/{id}",
      "/v2/zones/{id}/nameservers",
      "/v2/recordsets",
      "/v2/recordsets/{id}",
      "/v2/tlds",
      "/v2/tlds/{id}",
      "/v2/blacklists",
      "/v2/blacklists/{id}",
      "/v2/tsigkeys",
      "/v2/tsigkeys/{id}",
      "/v2/quotas",
      "/v2/quotas/{project}",
      "/v2/pools",
      "/v2/pools/{id}",
      "/v2/service_statuses",
      "/v2/zones/tasks/imports",
      "/v2/zones/tasks/imports/{id}",
      "/v2/zones/tasks/exports",
      "/v2/zones/{id}/tasks/export",
      "/error",
      "/actuator/health",
      "/nothing",
      "/v2/zones/../..",
      "//v2//zones",
      "/v2/zones;jsessionid=1",
      "/v2/zones/%2F",
      "/v2/zones/%00",
      "/v2/%zz",
      "/v2/zones/%e2%82",
      "/v2/./zones",
      "/v2/zones/..%2f..",
      "/v2/zones/\u00e9",
      "/v2/zones/%c3%a9"
    };
    private static final String[] PARAMS = {
      "name",
      "email",
      "status",
      "type",
      "ttl",
      "description",
      "data",
      "limit",
      "marker",
      "sort_key",
      "sort_dir",
      "all_projects",
      "pool_id",
      "x"
    };
    private static final String[] VALUES = {
      "a.org.",
      "*",
      "%00",
      "%ff",
      "%zz",
      "%",
      "%ed%a0%80",
      "max",
      "-1",
      "99999999999999999999",
      "not-a-uuid",
      "00000000-0000-0000-0000-000000000000",
      "desc",
      "asc",
      "true",
      "%0a",
      "+",
      "%c3%a9",
      "x%2Fy",
      "a*b",
      "\\",
      "%5C",
      "%27%20or%201=1--"
    };
    private static final String[] STRINGS = {
      "a.example.org.",
      "fuzz%d.example.org.",
      " fuzz.example.org.",
      "fuzz.example.org.\\n",
      "a\\u0000b",
      "\\ud800",
      "\\udfff\\ud800",
      "\\ud83d\\ude00",
      "",
      " ",
      "x",
      "in-addr.arpa.",
      "www.fuzz%d.example.org.",
      "hostmaster@example.org",
      "not-an-email",
      "192.0.2.1",
      "\\\"quoted\\\" \\\"txt\\\"",
      "10 mx.example.org.",
      "..",
      "-",
      "\u00e9",
      "\\u0001",
      "A",
      "TXT",
      "MX",
      "SOA",
      "NS",
      "CNAME",
      "PRIMARY",
      "SECONDARY"
    };
    private static final String[] KEYS = {
      "name",
      "email",
      "ttl",
      "description",
      "type",
      "records",
      "masters",
      "attributes",
      "zonefile",
      "pattern",
      "algorithm",
      "secret",
      "scope",
      "resource_id",
      "zones",
      "recordset_records",
      "project_id",
      "pool_id",
      "x"
    };

    private final Random random;

    Generator(Random random) {
      this.random = random;
    }

    private <T> T pick(T[] values) {
      return values[random.nextInt(values.length)];
    }

    Request next() {
      String method = pick(METHODS);
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(path());
      if (random.nextInt(3) == 0) {
        head.append('?').append(query());
      }
      head.append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      headers(head);
      byte[] body = new byte[0];
      boolean withBody =
          method.equals("POST")
              || method.equals("PATCH")
              || method.equals("PUT")
              || random.nextInt(10) == 0;
      if (withBody) {
        body = body();
        head.append("Content-Type: ").append(contentType()).append("\r\n");
        if (random.nextInt(4) == 0) {
          head.append("Transfer-Encoding: chunked\r\n");
          int chunk = body.length > 100_000 ? 65_536 : 1 + random.nextInt(512);
          body = RawHttp.chunked(body, 0, (byte) 0, new byte[0], chunk);
        } else {
          head.append("Content-Length: ").append(body.length).append("\r\n");
        }
      }
      head.append("Connection: close\r\n\r\n");
      return new Request(method, head.toString().getBytes(StandardCharsets.ISO_8859_1), body);
    }

    private String path() {
      String path = pick(PATHS);
      while (path.contains("{id}")) {
        path =
            path.replaceFirst(
                "\\{id}",
                random.nextInt(3) == 0 ? "not-a-uuid" : java.util.UUID.randomUUID().toString());
      }
      path = path.replace("{project}", random.nextBoolean() ? "p1" : "%00");
      if (random.nextInt(40) == 0) {
        path = path + "/" + "a".repeat(random.nextInt(9000));
      }
      return path;
    }

    private String query() {
      List<String> pairs = new ArrayList<>();
      for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
        pairs.add(pick(PARAMS) + (random.nextInt(8) == 0 ? "" : "=" + pick(VALUES)));
      }
      return String.join("&", pairs);
    }

    private void headers(StringBuilder head) {
      if (random.nextInt(4) != 0) {
        head.append("X-Auth-Project-ID: ")
            .append(pick(new String[] {"p1", "p2", "p3", "", "a b", "p1\u00e9", "x".repeat(300)}))
            .append("\r\n");
      }
      if (random.nextInt(3) == 0) {
        head.append("X-Roles: ")
            .append(pick(new String[] {"member", "admin", "reader", "admin,member", ""}))
            .append("\r\n");
      }
      switch (random.nextInt(14)) {
        case 0 -> head.append("X-Auth-Project-ID: p2\r\n");
        case 1 -> head.append("X-Roles: admin\r\nX-Roles: member\r\n");
        case 2 -> head.append("X-Auth-All-Projects: True\r\n");
        case 3 -> head.append("X-Auth-Sudo-Project-ID: p3\r\n");
        case 4 ->
            head.append("X-Big: ")
                .append("b".repeat(12_000 + random.nextInt(12_000)))
                .append("\r\n");
        case 5 -> head.append("X-Ctl: a\u0001b\r\n");
        case 6 ->
            head.append("Accept: ")
                .append(
                    pick(
                        new String[] {
                          "text/html", "*/*", "application/xml", "application/json;q=0", "\u00e9"
                        }))
                .append("\r\n");
        case 7 -> head.append("X-Designate-Edit-Managed-Records: true\r\n");
        case 8 -> head.append("Authorization: Bearer abc\r\n");
        case 9 -> head.append("Content-Encoding: gzip\r\n");
        case 10 -> head.append("Expect: 100-continue\r\n");
        default -> {}
      }
    }

    private String contentType() {
      return pick(
          new String[] {
            "application/json",
            "application/json",
            "application/json",
            "application/json; charset=utf-8",
            "application/json; charset=latin1",
            "application/json; charset=nope",
            "text/dns",
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/*",
            "",
            "garbage",
            "application/json; charset=\"utf-16\""
          });
    }

    private byte[] body() {
      return switch (random.nextInt(40)) {
        case 0, 1, 2 -> randomBytes(random.nextInt(200));
        case 3, 4 -> "{\"name\": ".getBytes(StandardCharsets.UTF_8);
        case 5, 6, 7 -> zoneFile();
        case 8, 9 -> nested(1 + random.nextInt(3000));
        case 10 -> large(1_100_000 + random.nextInt(200_000));
        case 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 -> plausible().getBytes(StandardCharsets.UTF_8);
        default ->
            json()
                .getBytes(
                    random.nextInt(20) == 0 ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8);
      };
    }

    /** A body an API call would take, one field perhaps bent. */
    private String plausible() {
      int n = random.nextInt(1_000_000);
      String zone = "fuzz" + n + ".example.org.";
      String body =
          switch (random.nextInt(4)) {
            case 0 ->
                "{\"name\":\"" + zone + "\",\"email\":\"hostmaster@example.org\",\"ttl\":300}";
            case 1 ->
                "{\"name\":\"www."
                    + zone
                    + "\",\"type\":\"A\",\"records\":[\"192.0.2."
                    + (n % 250)
                    + "\"]}";
            case 2 -> "{\"name\":\"t" + n + "\",\"description\":\"fuzz\"}";
            default ->
                "{\"description\":\"fuzz " + n + "\",\"ttl\":600,\"email\":\"h@example.org\"}";
          };
      if (random.nextInt(3) == 0) {
        body = body.replace("fuzz", String.format(pick(STRINGS), n));
      }
      return body;
    }

    private String json() {
      StringBuilder out = new StringBuilder("{");
      for (int i = 0, n = random.nextInt(6); i < n; i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append('"').append(pick(KEYS)).append("\":").append(value(2));
      }
      return out.append('}').toString();
    }

    private String value(int depth) {
      return switch (random.nextInt(depth > 0 ? 8 : 5)) {
        case 0 -> String.valueOf(random.nextInt(100_000) - 100);
        case 1 -> pick(new String[] {"null", "true", "1e400", "-0", "2147483648", "1.5"});
        case 2, 3, 4 -> '"' + String.format(pick(STRINGS), random.nextInt(1_000_000)) + '"';
        case 5, 6 -> {
          StringBuilder list = new StringBuilder("[");
          for (int i = 0, n = random.nextInt(4); i < n; i++) {
            list.append(i > 0 ? "," : "").append(value(depth - 1));
          }
          yield list.append(']').toString();
        }
        default -> "{\"" + pick(KEYS) + "\":" + value(depth - 1) + "}";
      };
    }

    private byte[] zoneFile() {
      String zone = "fuzz" + random.nextInt(1_000_000) + ".example.org.";
      String file =
          "$ORIGIN "
              + zone
              + "\n@ 300 IN SOA ns1 h 1 2 3 4 5\n"
              + pick(
                  new String[] {
                    "www IN A 192.0.2.1\n",
                    "x IN TXT \"a\\000b\"\n",
                    "$INCLUDE /etc/passwd\n",
                    "y IN HINFO a b\n",
                    "\u0000\n",
                    "z IN A 999.1.1.1\n"
                  });
      return file.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] nested(int depth) {
      return ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] large(int size) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(size + 64);
      out.writeBytes("{\"description\":\"".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < size; i++) {
        out.write('z');
      }
      out.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
      return out.toByteArray();
    }

    private byte[] randomBytes(int n) {
      byte[] bytes = new byte[n];
      random.nextBytes(bytes);
      return bytes;
    }
  }
}
