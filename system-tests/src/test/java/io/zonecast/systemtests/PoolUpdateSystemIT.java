package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Secondary;
import java.io.IOException;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code pool update} at runtime, with real BIND9 secondaries: the pool starts with one target; a
 * second one added to the pools file, read again at SIGHUP (a real signal to the real processes) or
 * when the services see the file change, gets every existing zone without a restart and takes part
 * in every change from then on; removed again with {@code bin/zonecast pool update}, changes go
 * ACTIVE with the first alone, its zones left on it. An invalid file is refused with the reason and
 * the pools in force keep working.
 */
class PoolUpdateSystemIT {

  static final Duration PATIENCE = Duration.ofSeconds(90);
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static ApiClient api;
  static Path stateDir;

  @RegisterExtension
  static final StackExtension stack =
      StackExtension.named("poolupdate")
          .before(() -> PoolUpdateSystemIT::removeStateDir) // once the stack stopped
          .options(o -> o.layout(ZonecastStack.Layout.FIRST_TARGET_ONLY))
          .poolManager(
              // the periodic sync must not be what brings the zones to the new target
              "--zonecast.pool-manager.sync.interval=1h",
              "--zonecast.pool-manager.health.interval=1s")
          .started(s -> {
            api = s.api;
            stateDir = s.poolsFile().getParent();
            Files.createDirectories(stateDir.resolve("pids"));
            Files.writeString(
                stateDir.resolve("pids/pool-manager.pid"), Long.toString(s.poolManagerPid()));
            Files.writeString(stateDir.resolve("pids/central.pid"), Long.toString(s.centralPid()));
          });

  static void removeStateDir() throws IOException {
    if (stateDir != null) {
      for (String file : List.of("pids/pool-manager.pid", "pids/central.pid", "pids")) {
        Files.deleteIfExists(stateDir.resolve(file));
      }
      Files.deleteIfExists(stateDir.resolve("pools.yaml"));
      Files.deleteIfExists(stateDir);
    }
  }

  @Test
  void aTargetAddedBySighupGetsEveryZoneAndOneRemovedByTheCommandIsLeftAlone() throws Exception {
    Bind9Secondary first = stack.bindA();
    Bind9Secondary second = stack.bindB();
    String one = stack.zones().createActive("before-one");
    String two = stack.zones().createActive("before-two");
    stack.zones().addA(two, "www." + stack.zones().name(two), "192.0.2.7");
    stack.zones().awaitStatus(two, "ACTIVE", PATIENCE);
    assertThat(second.query(stack.zones().name(one), Type.SOA).getRcode())
        .as("the second secondary is not in the pool yet")
        .isEqualTo(Rcode.REFUSED);
    long generation = generation();

    Files.writeString(stack.get().poolsFile(), poolsWith(List.of(first, second)));
    hangup(stack.get().poolManagerPid());
    hangup(stack.get().centralPid());

    await("the pool manager reads the file again at SIGHUP")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> generation() == generation + 1);
    for (String id : List.of(one, two)) {
      long serial = serial(id);
      await(stack.zones().name(id) + " on the new target, without a restart")
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () -> assertThat(second.soaSerial(stack.zones().name(id))).hasValue(serial));
    }
    assertThat(second.query("www." + stack.zones().name(two), Type.A).getRcode())
        .isEqualTo(Rcode.NOERROR);
    await("central reads the file again at SIGHUP: its new NS record")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(nsRecords()).contains("ns3.zonecast.test."));

    stack.zones().addA(one, "mail." + stack.zones().name(one), "192.0.2.8");
    String three = stack.zones().createActive("after-add");
    stack.zones().awaitStatus(one, "ACTIVE", PATIENCE);
    for (String id : List.of(one, three)) {
      for (Bind9Secondary bind : List.of(first, second)) {
        assertThat(bind.soaSerial(stack.zones().name(id)))
            .as("%s on %s", stack.zones().name(id), bind.port())
            .hasValue(serial(id));
      }
    }
    assertThat(recordNames(three, "NS")).contains("ns3.zonecast.test.");

    Path onlyFirst = Files.createTempFile("zonecast-pools-first", ".yaml");
    try {
      Files.writeString(onlyFirst, poolsWith(List.of(first)));
      Command dryRun = zonecast("pool", "update", "--file", onlyFirst.toString(), "--dry-run");
      assertThat(dryRun.exit()).as(dryRun.output()).isZero();
      assertThat(dryRun.output())
          .contains("target removed: bind9 127.0.0.1:" + second.port())
          .contains("nameserver removed: 127.0.0.1:" + second.port());
      assertThat(generation()).as("a dry run applies nothing").isEqualTo(generation + 1);

      Command update = zonecast("pool", "update", "--file", onlyFirst.toString());
      assertThat(update.exit()).as(update.output()).isZero();
      // the pool manager may have read the copied file by itself before the command asks it to
      // (it looks at the file's modification every second): then the answer is "unchanged"
      assertThat(update.output())
          .containsPattern("(applied|unchanged) \\(generation " + (generation + 2) + "\\)");
      assertThat(generation()).isEqualTo(generation + 2);
      assertThat(Files.readString(stack.get().poolsFile())).isEqualTo(Files.readString(onlyFirst));
    } finally {
      Files.deleteIfExists(onlyFirst);
    }

    long before = serial(one);
    stack.zones().addA(one, "ftp." + stack.zones().name(one), "192.0.2.9");
    await("the change is made")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> serial(one) != before);
    stack.zones().awaitStatus(one, "ACTIVE", PATIENCE);
    assertThat(first.soaSerial(stack.zones().name(one))).hasValue(serial(one));
    String four = stack.zones().createActive("after-remove");
    assertThat(first.soaSerial(stack.zones().name(four))).hasValue(serial(four));
    assertThat(second.query(stack.zones().name(four), Type.SOA).getRcode())
        .as("no more calls to the removed target")
        .isEqualTo(Rcode.REFUSED);
    assertThat(second.soaSerial(stack.zones().name(two)))
        .as("the zones on the removed target are left alone")
        .isPresent();
  }

  @Test
  void anInvalidFileIsRefusedWithTheReasonAndThePoolsInForceKeepWorking() throws Exception {
    String valid = Files.readString(stack.get().poolsFile());
    long generation = generation();
    String invalid = valid.replace("- type: bind9\n", "- type: nosuchserver\n");
    assertThat(invalid).isNotEqualTo(valid);
    try {
      Files.writeString(stack.get().poolsFile(), invalid);

      HttpResponse<String> reload = post("/pools/reload");
      assertThat(reload.statusCode()).as(reload.body()).isEqualTo(422);
      assertThat(reload.body()).contains("refused").contains("nosuchserver");

      Path bad = Files.createTempFile("zonecast-pools-bad", ".yaml");
      try {
        Files.writeString(bad, invalid);
        Command update = zonecast("pool", "update", "--file", bad.toString());
        assertThat(update.exit()).as(update.output()).isNotZero();
        assertThat(update.output()).contains("target type 'nosuchserver' is not supported");
      } finally {
        Files.deleteIfExists(bad);
      }
      Command unknown = zonecast("pool", "update", "--fast");
      assertThat(unknown.exit()).isNotZero();
      assertThat(unknown.output()).contains("unknown argument '--fast'");
      Command missing = zonecast("pool", "update", "--file", "/nonexistent/pools.yaml");
      assertThat(missing.exit()).isNotZero();
      assertThat(missing.output()).contains("/nonexistent/pools.yaml does not exist");

      hangup(stack.get().poolManagerPid());
      await("the SIGHUP's reload is refused too")
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(() -> {
            JsonNode last = pools().get("last_reload");
            assertThat(last.get("result").asString()).isEqualTo("refused");
            assertThat(Instant.parse(last.get("at").asString()))
                .isAfter(Instant.parse(JSON.readTree(reload.body()).get("at").asString()));
          });
      assertThat(generation()).as("the pools in force stay").isEqualTo(generation);

      String zone = stack.zones().createActive("while-refused");
      for (Bind9Secondary bind : inForce()) {
        assertThat(bind.soaSerial(stack.zones().name(zone))).hasValue(serial(zone));
      }
    } finally {
      Files.writeString(stack.get().poolsFile(), valid);
    }
    HttpResponse<String> again = post("/pools/reload");
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(generation()).isEqualTo(generation);
  }

  /** The secondaries the pool has now. */
  private List<Bind9Secondary> inForce() throws Exception {
    List<Bind9Secondary> targets = new ArrayList<>();
    String nameservers = pools().get("pools").get(0).get("nameservers").toString();
    for (Bind9Secondary bind : stack.secondaries()) {
      if (nameservers.contains("127.0.0.1:" + bind.port())) {
        targets.add(bind);
      }
    }
    return targets;
  }

  /** The stack's pools file with these secondaries as targets and nameservers, and an NS more. */
  private static String poolsWith(List<Bind9Secondary> secondaries) {
    return ZonecastStack.poolsFile(stack.minidnsPort(), secondaries)
        .replace(
            "  nameservers:\n",
            "    - hostname: ns3.zonecast.test.\n      priority: 3\n  nameservers:\n");
  }

  private static void hangup(long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).as("kill -HUP %s", pid).isZero();
  }

  record Command(int exit, String output) {}

  /** {@code bin/zonecast} with the stack as the services it started. */
  private static Command zonecast(String... arguments) throws Exception {
    Path root = Path.of(System.getProperty("zonecast.root", ".."));
    List<String> command = new ArrayList<>();
    command.add(root.resolve("bin/zonecast").toString());
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("ZONECAST_STATE_DIR", stateDir.toString());
    builder
        .environment()
        .put(
            "ZONECAST_POOL_MANAGER_HTTP_PORT", Integer.toString(stack.get().poolManagerHttpPort()));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Command(process.exitValue(), output);
  }

  private static JsonNode pools() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + stack.get().poolManagerHttpPort() + "/pools"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static long generation() throws Exception {
    return pools().get("generation").asLong();
  }

  private static HttpResponse<String> post(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + stack.get().poolManagerHttpPort() + path))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> nsRecords() {
    List<String> names = new ArrayList<>();
    for (JsonNode ns : api.get("/v2/pools").body().get("pools").get(0).get("ns_records")) {
      names.add(ns.get("hostname").asString());
    }
    return names;
  }

  private static List<String> recordNames(String zoneId, String type) {
    List<String> records = new ArrayList<>();
    for (JsonNode recordset :
        api.get("/v2/zones/" + zoneId + "/recordsets?type=" + type).body().get("recordsets")) {
      recordset.get("records").forEach(r -> records.add(r.asString()));
    }
    return records;
  }

  private static long serial(String zoneId) {
    return api.get("/v2/zones/" + zoneId).body().get("serial").asLong();
  }
}
