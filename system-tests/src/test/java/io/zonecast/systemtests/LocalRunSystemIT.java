package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Secondary;
import io.zonecast.testsupport.TestInfrastructure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code bin/zonecast up} on a machine where no PostgreSQL and no RabbitMQ answer on the configured
 * ports: it must start the embedded ones, run the three services and a BIND9 secondary, serve a
 * zone created over REST, stop everything with {@code down}, and keep the data for the next {@code
 * up}.
 */
class LocalRunSystemIT {

  private final Path root = Path.of(System.getProperty("zonecast.root", "..")).toAbsolutePath();
  private final Map<String, String> env = new HashMap<>();
  private Path state;

  @AfterEach
  void down() throws Exception {
    if (state != null) {
      zonecast("down");
      try (var paths = Files.walk(state)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void upStartsEmbeddedDefaultsServesAZoneAndKeepsItsDataAcrossDownAndUp() throws Exception {
    state = Files.createTempDirectory("zonecast-up-");
    int apiPort = Bind9Secondary.freePort();
    int bindPort = Bind9Secondary.freePort();
    env.put("ZONECAST_STATE_DIR", state.toString());
    env.put("ZONECAST_PG_PORT", String.valueOf(Bind9Secondary.freePort()));
    env.put("ZONECAST_AMQP_PORT", String.valueOf(Bind9Secondary.freePort()));
    env.put("ZONECAST_API_PORT", String.valueOf(apiPort));
    env.put("ZONECAST_MINIDNS_PORT", String.valueOf(Bind9Secondary.freePort()));
    env.put("ZONECAST_MINIDNS_HTTP_PORT", String.valueOf(Bind9Secondary.freePort()));
    env.put("ZONECAST_POOL_MANAGER_HTTP_PORT", String.valueOf(Bind9Secondary.freePort()));
    env.put("ZONECAST_BIND9_PORT", String.valueOf(bindPort));
    env.put("ZONECAST_BIND9_RNDC_PORT", String.valueOf(Bind9Secondary.freePort()));

    String up = zonecast("up");
    assertThat(up)
        .contains("starting an embedded PostgreSQL")
        .contains("starting an embedded AMQP 0-9-1 broker")
        .contains("zonecast is up.");

    ApiClient api = new ApiClient("http://127.0.0.1:" + apiPort, "local-run");
    ApiClient.Response created =
        api.post("/v2/zones", "{\"name\":\"local-run.example.\",\"email\":\"h@example.org\"}");
    assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
    String id = created.body().get("id").asString();
    await("zone ACTIVE")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() ->
            assertThat(api.get("/v2/zones/" + id).body().get("status").asString())
                .isEqualTo("ACTIVE"));
    assertThat(soaRcode(bindPort, "local-run.example.")).isEqualTo(Rcode.NOERROR);

    String down = zonecast("down");
    assertThat(down).contains("stopped central").contains("stopped infra");
    assertThat(zonecast("status")).doesNotContain("running");

    zonecast("up");
    assertThat(api.get("/v2/zones/" + id).body().get("name").asString())
        .isEqualTo("local-run.example.");
  }

  @Test
  void upWithTheLocalServicesServesAZoneAndLogsJsonCarryingTheRequestId() throws Exception {
    TestInfrastructure infra = TestInfrastructure.get();
    String database = infra.freshDatabase("local_run");
    try {
      state = Files.createTempDirectory("zonecast-up-local-");
      int apiPort = Bind9Secondary.freePort();
      int bindPort = Bind9Secondary.freePort();
      URI postgres = URI.create(database.substring("jdbc:".length()));
      env.put("ZONECAST_STATE_DIR", state.toString());
      env.put("ZONECAST_PG_PORT", String.valueOf(postgres.getPort()));
      env.put("ZONECAST_PG_USER", infra.pgUser());
      env.put("ZONECAST_PG_PASSWORD", infra.pgPassword());
      env.put("ZONECAST_PG_DATABASE", postgres.getPath().substring(1));
      env.put("ZONECAST_AMQP_PORT", String.valueOf(infra.rabbitPort()));
      env.put("ZONECAST_AMQP_VHOST", infra.rabbitVirtualHost());
      env.put("ZONECAST_API_PORT", String.valueOf(apiPort));
      env.put("ZONECAST_MINIDNS_PORT", String.valueOf(Bind9Secondary.freePort()));
      env.put("ZONECAST_MINIDNS_HTTP_PORT", String.valueOf(Bind9Secondary.freePort()));
      env.put("ZONECAST_POOL_MANAGER_HTTP_PORT", String.valueOf(Bind9Secondary.freePort()));
      env.put("ZONECAST_BIND9_PORT", String.valueOf(bindPort));
      env.put("ZONECAST_BIND9_RNDC_PORT", String.valueOf(Bind9Secondary.freePort()));
      env.put("ZONECAST_LOG_FORMAT", "json");

      assertThat(zonecast("up"))
          .contains("PostgreSQL: using the one on 127.0.0.1:" + postgres.getPort())
          .contains("RabbitMQ: using the broker on 127.0.0.1:" + infra.rabbitPort())
          .doesNotContain("embedded")
          .contains("zonecast is up.");

      ApiClient api = new ApiClient("http://127.0.0.1:" + apiPort, "local-run");
      ApiClient.Response created =
          api.post(
              "/v2/zones", "{\"name\":\"local-services.example.\",\"email\":\"h@example.org\"}");
      assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
      String id = created.body().get("id").asString();
      await("zone ACTIVE")
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() ->
              assertThat(api.get("/v2/zones/" + id).body().get("status").asString())
                  .isEqualTo("ACTIVE"));
      assertThat(soaRcode(bindPort, "local-services.example.")).isEqualTo(Rcode.NOERROR);

      // every line of every service's log is one JSON object, and the change's request id, given
      // back by the API, is in the lines of the pool manager that handled it
      String requestId = created.headers().firstValue("x-openstack-request-id").orElseThrow();
      assertThat(requestId).startsWith("req-");
      ObjectMapper json = new ObjectMapper();
      for (String service : List.of("central", "pool-manager", "minidns")) {
        List<String> lines =
            Files.readAllLines(state.resolve("logs/" + service + ".log")).stream()
                .filter(line -> line.startsWith("{"))
                .toList();
        assertThat(lines).as(service + " logs JSON").isNotEmpty();
        for (String line : lines) {
          assertThat(json.readTree(line).has("@timestamp")).as(line).isTrue();
        }
      }
      assertThat(Files.readString(state.resolve("logs/pool-manager.log")))
          .contains("\"request_id\":\"" + requestId + "\"");
    } finally {
      if (state != null) {
        zonecast("down");
      }
      infra.dropDatabase(database);
    }
  }

  private static int soaRcode(int port, String zone) throws IOException {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
    resolver.setPort(port);
    return resolver
        .send(Message.newQuery(Record.newRecord(Name.fromString(zone), Type.SOA, DClass.IN)))
        .getRcode();
  }

  private String zonecast(String command) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(List.of("bash", root.resolve("bin/zonecast").toString(), command))
            .directory(root.toFile())
            .redirectErrorStream(true);
    builder.environment().putAll(env);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Path log = Files.createTempFile("zonecast-" + command, ".log");
    Process process = builder.redirectOutput(log.toFile()).start();
    if (!process.waitFor(300, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          "bin/zonecast " + command + " did not finish:\n" + Files.readString(log));
    }
    String output = Files.readString(log);
    assertThat(process.exitValue()).as("bin/zonecast %s:\n%s", command, output).isZero();
    return output;
  }
}
