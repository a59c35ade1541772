package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real client: the {@code openstack} CLI with python-designateclient (Debian's packages, which
 * {@code bin/zonecast test} installs) against zonecast in noauth mode ({@code OS_AUTH_TYPE=none},
 * {@code OS_ENDPOINT=http://127.0.0.1:<port>/v2}; the project is then Designate's {@code
 * noauth-project}). Every command must succeed and print the fields Designate prints.
 */
class OpenStackCliSystemIT {

  static final Path OPENSTACK = Path.of("/usr/bin/openstack");
  static final JsonMapper JSON = JsonMapper.builder().build();

  @RegisterExtension
  static final StackExtension stack =
      StackExtension.named("cli")
          .before(() -> {
            if (!Files.isExecutable(OPENSTACK)) {
              throw new IllegalStateException(
                  OPENSTACK
                      + " is missing: apt-get install -y python3-openstackclient"
                      + " python3-designateclient (bin/zonecast test does)");
            }
            return () -> {};
          });

  @TempDir Path temp;

  /** Runs {@code openstack <args>}; it must exit 0. Returns what it printed. */
  static String run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(OPENSTACK.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("OS_AUTH_TYPE", "none");
    builder.environment().put("OS_ENDPOINT", "http://127.0.0.1:" + stack.apiPort() + "/v2");
    Path stderr = Files.createTempFile("openstack", ".err");
    builder.redirectError(stderr.toFile());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS))
        .as("openstack %s finished", command)
        .isTrue();
    String err = Files.readString(stderr);
    Files.delete(stderr);
    assertThat(process.exitValue())
        .as("openstack %s\nstdout: %s\nstderr: %s", String.join(" ", args), out, err)
        .isZero();
    return out;
  }

  static JsonNode json(String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("-f", "json"));
    return JSON.readTree(run(all.toArray(String[]::new)));
  }

  static JsonNode awaitStatus(String status, String... showCommand) {
    return await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> json(showCommand), shown -> shown.get("status").asString().equals(status));
  }

  @Test
  void zonesRecordsetsExportsAndImportsThroughTheOpenstackCli() throws Exception {
    String zone = "cli-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
    String www = "www." + zone;

    JsonNode created =
        json(
            "zone",
            "create",
            "--email",
            "hostmaster@example.org",
            "--ttl",
            "300",
            "--description",
            "made by the cli",
            zone);
    assertThat(created.get("name").asString()).isEqualTo(zone);
    assertThat(created.get("email").asString()).isEqualTo("hostmaster@example.org");
    assertThat(created.get("ttl").asInt()).isEqualTo(300);
    assertThat(created.get("description").asString()).isEqualTo("made by the cli");
    assertThat(created.get("type").asString()).isEqualTo("PRIMARY");
    assertThat(created.get("status").asString()).isEqualTo("PENDING");
    assertThat(created.get("action").asString()).isEqualTo("CREATE");
    assertThat(created.get("project_id").asString()).isEqualTo("noauth-project");
    assertThat(created.get("serial").asLong()).isPositive();
    String zoneId = created.get("id").asString();

    assertThat(json("zone", "list").valueStream().map(z -> z.get("id").asString()))
        .contains(zoneId);
    assertThat(json("zone", "show", zone).get("id").asString()).isEqualTo(zoneId);
    JsonNode changed = json("zone", "set", zone, "--ttl", "600", "--description", "changed");
    assertThat(changed.get("ttl").asInt()).isEqualTo(600);
    assertThat(changed.get("description").asString()).isEqualTo("changed");

    JsonNode recordset =
        json(
            "recordset",
            "create",
            zone,
            "www",
            "--type",
            "A",
            "--record",
            "192.0.2.10",
            "--record",
            "192.0.2.11",
            "--ttl",
            "120");
    assertThat(recordset.get("name").asString()).isEqualTo(www);
    assertThat(recordset.get("type").asString()).isEqualTo("A");
    assertThat(recordset.get("records").asString()).isEqualTo("192.0.2.10\n192.0.2.11");
    assertThat(recordset.get("ttl").asInt()).isEqualTo(120);
    assertThat(recordset.get("zone_name").asString()).isEqualTo(zone);
    assertThat(recordset.get("action").asString()).isEqualTo("CREATE");
    String recordsetId = recordset.get("id").asString();

    assertThat(json("recordset", "list", zone).valueStream().map(r -> r.get("type").asString()))
        .containsExactlyInAnyOrder("SOA", "NS", "A");
    assertThat(json("recordset", "show", zone, www).get("id").asString()).isEqualTo(recordsetId);
    JsonNode updated =
        json("recordset", "set", zone, www, "--record", "192.0.2.12", "--ttl", "240");
    assertThat(updated.get("records").asString()).isEqualTo("192.0.2.12");
    assertThat(updated.get("ttl").asInt()).isEqualTo(240);
    assertThat(updated.get("action").asString()).isEqualTo("UPDATE");

    awaitStatus("ACTIVE", "zone", "show", zone);
    assertThat(stack.bindA().query(www, Type.A).getSection(Section.ANSWER))
        .singleElement()
        .satisfies(
            r -> assertThat(((ARecord) r).getAddress().getHostAddress()).isEqualTo("192.0.2.12"));

    JsonNode export = json("zone", "export", "create", zone);
    assertThat(export.get("status").asString()).isEqualTo("PENDING");
    assertThat(export.get("zone_id").asString()).isEqualTo(zoneId);
    String exportId = export.get("id").asString();
    JsonNode exported = awaitStatus("COMPLETE", "zone", "export", "show", exportId);
    assertThat(exported.get("location").asString())
        .isEqualTo("designate://v2/zones/tasks/exports/" + exportId + "/export");
    String file = run("zone", "export", "showfile", exportId, "-f", "value");
    assertThat(file)
        .startsWith("$ORIGIN " + zone + "\n$TTL 600\n")
        .contains(zone + " IN SOA ns1.zonecast.test. hostmaster.example.org. ")
        .contains(www + " 240 IN A 192.0.2.12\n");

    String copy = "copy-" + zone;
    Path zoneFile = temp.resolve("copy.zone");
    Files.writeString(zoneFile, file.replace(zone, copy));
    JsonNode started = json("zone", "import", "create", zoneFile.toString());
    assertThat(started.get("status").asString()).isEqualTo("PENDING");
    String importId = started.get("id").asString();
    JsonNode imported = awaitStatus("COMPLETE", "zone", "import", "show", importId);
    assertThat(imported.get("message").asString()).isEqualTo(copy + " imported");
    assertThat(json("zone", "show", copy).get("id").asString())
        .isEqualTo(imported.get("zone_id").asString());
    JsonNode copied = json("recordset", "show", copy, "www." + copy);
    assertThat(copied.get("records").asString()).isEqualTo("192.0.2.12");
    assertThat(copied.get("ttl").asInt()).isEqualTo(240);
    assertThat(json("zone", "import", "list").valueStream().map(i -> i.get("id").asString()))
        .contains(importId);
    // the imported zone reaches the secondaries like any other
    awaitStatus("ACTIVE", "zone", "show", copy);
    for (var bind : stack.secondaries()) {
      assertThat(bind.query("www." + copy, Type.A).getSection(Section.ANSWER))
          .singleElement()
          .satisfies(
              r -> assertThat(((ARecord) r).getAddress().getHostAddress()).isEqualTo("192.0.2.12"));
    }

    JsonNode deletedRecordset = json("recordset", "delete", zone, www);
    assertThat(deletedRecordset.get("action").asString()).isEqualTo("DELETE");
    run("zone", "import", "delete", importId);
    run("zone", "export", "delete", exportId);
    for (String name : List.of(copy, zone)) {
      JsonNode deleted = json("zone", "delete", name);
      assertThat(deleted.get("action").asString()).isEqualTo("DELETE");
      assertThat(deleted.get("status").asString()).isEqualTo("PENDING");
    }
    await("zones deleted")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(json("zone", "list").valueStream()).isEmpty());
  }

  @Test
  void zoneTransferRequestsAcceptsAndAbandonThroughTheOpenstackCli() throws Exception {
    String zone = "cli-t-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
    String taker = "taker-" + UUID.randomUUID().toString().substring(0, 8);
    String zoneId =
        json("zone", "create", "--email", "hostmaster@example.org", zone).get("id").asString();
    awaitStatus("ACTIVE", "zone", "show", zone);

    // a request made and withdrawn
    JsonNode withdrawn =
        json("zone", "transfer", "request", "create", zoneId, "--target-project-id", taker);
    run("zone", "transfer", "request", "delete", withdrawn.get("id").asString());

    JsonNode request =
        json(
            "zone",
            "transfer",
            "request",
            "create",
            zone,
            "--target-project-id",
            taker,
            "--description",
            "for the taker");
    String requestId = request.get("id").asString();
    String key = request.get("key").asString();
    assertThat(key).matches("[A-Z0-9]{8}");
    assertThat(request.get("zone_id").asString()).isEqualTo(zoneId);
    assertThat(request.get("zone_name").asString()).isEqualTo(zone);
    assertThat(request.get("project_id").asString()).isEqualTo("noauth-project");
    assertThat(request.get("target_project_id").asString()).isEqualTo(taker);
    assertThat(request.get("status").asString()).isEqualTo("ACTIVE");
    assertThat(
            json("zone", "transfer", "request", "list")
                .valueStream()
                .map(r -> r.get("id").asString()))
        .containsExactly(requestId);
    assertThat(json("zone", "transfer", "request", "show", requestId).get("key").asString())
        .isEqualTo(key);
    JsonNode set =
        json("zone", "transfer", "request", "set", requestId, "--description", "changed");
    assertThat(set.get("description").asString()).isEqualTo("changed");
    // the target sees the request addressed to it
    assertThat(
            json("zone", "transfer", "request", "list", "--sudo-project-id", taker)
                .valueStream()
                .map(r -> r.get("id").asString()))
        .containsExactly(requestId);

    JsonNode accept =
        json(
            "zone",
            "transfer",
            "accept",
            "request",
            "--transfer-id",
            requestId,
            "--key",
            key,
            "--sudo-project-id",
            taker);
    assertThat(accept.get("status").asString()).isEqualTo("COMPLETE");
    assertThat(accept.get("zone_id").asString()).isEqualTo(zoneId);
    assertThat(accept.get("project_id").asString()).isEqualTo(taker);
    String acceptId = accept.get("id").asString();
    assertThat(
            json("zone", "transfer", "accept", "show", acceptId, "--sudo-project-id", taker)
                .get("zone_transfer_request_id")
                .asString())
        .isEqualTo(requestId);
    assertThat(
            json("zone", "transfer", "accept", "list", "--all-projects")
                .valueStream()
                .map(a -> a.get("id").asString()))
        .contains(acceptId);
    assertThat(
            json("zone", "show", zoneId, "--sudo-project-id", taker).get("project_id").asString())
        .isEqualTo(taker);
    assertThat(json("zone", "list").valueStream().map(z -> z.get("id").asString()))
        .doesNotContain(zoneId);

    // abandoned by the new owner (admin, noauth's default role): gone from the API, still served
    long serial = json("zone", "show", zoneId, "--sudo-project-id", taker).get("serial").asLong();
    run("zone", "abandon", zoneId, "--sudo-project-id", taker);
    assertThat(
            json("zone", "list", "--all-projects").valueStream().map(z -> z.get("id").asString()))
        .doesNotContain(zoneId);
    for (var bind : stack.secondaries()) {
      assertThat(bind.soaSerial(zone)).hasValue(serial);
    }
  }
}
