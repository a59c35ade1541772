package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Secondary;
import io.zonecast.testsupport.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The spine, end to end: a zone and an A recordset created over REST turn ACTIVE only after two
 * real BIND9 secondaries pulled them from MiniDNS, and both answer for the record; deleting the
 * zone removes it from both.
 */
class ZoneLifecycleSystemIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static String database;
  static Bind9Secondary bindA;
  static Bind9Secondary bindB;
  static final List<ServiceProcess> services = new ArrayList<>();
  static ApiClient api;

  @BeforeAll
  static void startTheStack() throws Exception {
    database = infra.freshDatabase("system");
    bindA = Bind9Secondary.start("a");
    bindB = Bind9Secondary.start("b");
    int apiPort = Bind9Secondary.freePort();
    int minidnsPort = Bind9Secondary.freePort();
    Path pools = Files.createTempFile("zonecast-pools", ".yaml");
    Files.writeString(pools, poolsFile(minidnsPort));

    List<String> common = new ArrayList<>(infra.springArguments(database));
    List<String> central = new ArrayList<>(common);
    central.addAll(List.of("--server.port=" + apiPort, "--zonecast.central.pools-file=" + pools));
    services.add(
        ServiceProcess.start(
            "central-service", central, "http://127.0.0.1:" + apiPort + "/actuator/health"));

    int minidnsHttp = Bind9Secondary.freePort();
    List<String> minidns = new ArrayList<>(common);
    minidns.addAll(
        List.of("--server.port=" + minidnsHttp, "--zonecast.minidns.port=" + minidnsPort));
    services.add(
        ServiceProcess.start(
            "minidns", minidns, "http://127.0.0.1:" + minidnsHttp + "/actuator/health"));

    int poolManagerHttp = Bind9Secondary.freePort();
    List<String> poolManager = new ArrayList<>(common);
    poolManager.addAll(
        List.of("--server.port=" + poolManagerHttp, "--zonecast.pool-manager.pools-file=" + pools));
    services.add(
        ServiceProcess.start(
            "pool-manager",
            poolManager,
            "http://127.0.0.1:" + poolManagerHttp + "/actuator/health"));

    api = new ApiClient("http://127.0.0.1:" + apiPort, "system-test");
  }

  private static String poolsFile(int minidnsPort) {
    StringBuilder yaml =
        new StringBuilder(
            """
            - name: default
              description: two BIND9 secondaries for the system test
              ns_records:
                - hostname: ns1.zonecast.test.
                  priority: 1
                - hostname: ns2.zonecast.test.
                  priority: 2
              nameservers:
            """);
    for (Bind9Secondary bind : List.of(bindA, bindB)) {
      yaml.append("    - host: 127.0.0.1\n      port: ").append(bind.port()).append('\n');
    }
    yaml.append("  targets:\n");
    for (Bind9Secondary bind : List.of(bindA, bindB)) {
      yaml.append(
          """
              - type: bind9
                masters:
                  - host: 127.0.0.1
                    port: %d
                options:
                  host: 127.0.0.1
                  port: %d
                  rndc_host: 127.0.0.1
                  rndc_port: %d
                  rndc_key_file: %s
          """
              .formatted(minidnsPort, bind.port(), bind.rndcPort(), bind.rndcKeyFile()));
    }
    return yaml.toString();
  }

  @AfterAll
  static void stopTheStack() {
    for (int i = services.size() - 1; i >= 0; i--) {
      services.get(i).close();
    }
    if (bindA != null) {
      bindA.close();
    }
    if (bindB != null) {
      bindB.close();
    }
    if (database != null) {
      infra.dropDatabase(database);
    }
  }

  @Test
  void zoneAndRecordReachBothSecondariesAndDeleteRemovesThem() throws Exception {
    String zone = "spine-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
    ApiClient.Response created =
        api.post(
            "/v2/zones",
            "{\"name\":\"" + zone + "\",\"email\":\"hostmaster@example.org\",\"ttl\":300}");
    assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
    String id = created.body().get("id").asString();

    ApiClient.Response recordset =
        api.post(
            "/v2/zones/" + id + "/recordsets",
            "{\"name\":\"www." + zone + "\",\"type\":\"A\",\"records\":[\"192.0.2.44\"]}");
    assertThat(recordset.status()).as("%s", recordset.body()).isEqualTo(202);

    await("zone ACTIVE")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() ->
            assertThat(api.get("/v2/zones/" + id).body().get("status").asString())
                .as("zone status; logs in target/system-test-logs")
                .isEqualTo("ACTIVE"));

    long serial = api.get("/v2/zones/" + id).body().get("serial").asLong();
    for (Bind9Secondary bind : List.of(bindA, bindB)) {
      assertThat(bind.soaSerial(zone)).hasValue(serial);
      Message answer = bind.query("www." + zone, Type.A);
      assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(answer.getSection(Section.ANSWER))
          .singleElement()
          .satisfies(
              r -> assertThat(((ARecord) r).getAddress().getHostAddress()).isEqualTo("192.0.2.44"));
    }
    assertThat(
            api.get("/v2/zones/" + id + "/recordsets")
                .body()
                .get("recordsets")
                .valueStream()
                .map(r -> r.get("status").asString()))
        .containsOnly("ACTIVE");

    ApiClient.Response deleting = api.delete("/v2/zones/" + id);
    assertThat(deleting.status()).isEqualTo(202);

    await("zone deleted")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(api.get("/v2/zones/" + id).status()).isEqualTo(404));
    for (Bind9Secondary bind : List.of(bindA, bindB)) {
      assertThat(bind.query(zone, Type.SOA).getRcode()).isEqualTo(Rcode.REFUSED);
    }
  }
}
