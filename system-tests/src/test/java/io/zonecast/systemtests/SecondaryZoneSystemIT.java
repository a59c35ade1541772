package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Primary;
import io.zonecast.testsupport.Bind9Secondary;
import io.zonecast.testsupport.KnotPrimary;
import io.zonecast.testsupport.PrimaryZoneFile;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SECONDARY zones end to end: a real BIND9 primary outside zonecast (its own named, zone file,
 * {@code also-notify} to MiniDNS, updated with nsupdate), MiniDNS handing its NOTIFYs to central,
 * central pulling from it, and the pool's two BIND9 secondaries serving what it pulled.
 */
class SecondaryZoneSystemIT {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static ApiClient api;

  @RegisterExtension
  static final StackExtension stack =
      StackExtension.named("secondary_zone_system")
          .started(s -> {
            api = s.api;
            for (Bind9Secondary bind : s.secondaries()) {
              // BIND 9.18 says which kind of transfer it got only in its debug messages
              bind.trace(3);
            }
          });

  Bind9Primary primary;
  KnotPrimary knotPrimary;

  @AfterEach
  void stopPrimary() {
    if (primary != null) {
      primary.close();
    }
    if (knotPrimary != null) {
      knotPrimary.close();
    }
  }

  static String zoneFile(String zone, long serial, String timers) {
    return PrimaryZoneFile.withTimers(
        zone, serial, timers, "www  IN A   192.0.2.80", "mail IN A   192.0.2.25");
  }

  static String newZone() {
    return "sec-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
  }

  String createSecondary(String zone, String master) {
    ApiClient.Response created =
        api.post(
            "/v2/zones",
            "{\"name\":\"%s\",\"type\":\"SECONDARY\",\"masters\":[\"%s\"]}"
                .formatted(zone, master));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
    return created.body().get("id").asString();
  }

  static JsonNode awaitStatus(String id, String status) {
    await("zone " + status)
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() ->
            assertThat(api.get("/v2/zones/" + id).body().get("status").asString())
                .as("zone status; logs in target/system-test-logs")
                .isEqualTo(status));
    return api.get("/v2/zones/" + id).body();
  }

  static JsonNode awaitActiveAt(String id, long serial) {
    return awaitActiveAt(api, id, serial);
  }

  static JsonNode awaitActiveAt(ApiClient api, String id, long serial) {
    await("zone ACTIVE at " + serial)
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> {
          JsonNode zone = api.get("/v2/zones/" + id).body();
          assertThat(zone.get("serial").asLong()).isEqualTo(serial);
          assertThat(zone.get("status").asString()).isEqualTo("ACTIVE");
        });
    return api.get("/v2/zones/" + id).body();
  }

  static String address(Bind9Secondary bind, String name) throws Exception {
    Message answer = bind.query(name, Type.A);
    if (answer.getRcode() != Rcode.NOERROR || answer.getSection(Section.ANSWER).isEmpty()) {
      return Rcode.string(answer.getRcode());
    }
    return ((ARecord) answer.getSection(Section.ANSWER).getFirst()).getAddress().getHostAddress();
  }

  static String transfersOf(Bind9Secondary bind, String zone) {
    String apex = zone.substring(0, zone.length() - 1);
    StringBuilder lines = new StringBuilder();
    for (String line : bind.log().split("\n")) {
      if (line.contains("'" + apex + "/IN'") || line.contains("zone " + apex + "/IN")) {
        lines.append(line).append('\n');
      }
    }
    return lines.toString();
  }

  @Test
  void thePoolServesThePrimarysZoneAndAnNsupdateReachesItByNotifyAndIxfr() throws Exception {
    String zone = newZone();
    primary =
        Bind9Primary.start(
            zone, zoneFile(zone, 2024010101L, "3600 600 86400 300"), stack.minidnsPort(), null);
    String id = createSecondary(zone, primary.master());

    JsonNode active = awaitActiveAt(id, 2024010101L);
    assertThat(active.get("type").asString()).isEqualTo("SECONDARY");
    assertThat(active.get("transferred_at").isNull()).isFalse();
    for (Bind9Secondary bind : stack.secondaries()) {
      assertThat(bind.soaSerial(zone)).hasValue(2024010101L);
      assertThat(address(bind, "www." + zone)).isEqualTo("192.0.2.80");
    }
    JsonNode recordsets = api.get("/v2/zones/" + id + "/recordsets").body().get("recordsets");
    assertThat(recordsets).hasSize(4);
    String afterFirst = transfersOf(stack.bindA(), zone);

    primary.nsupdate("update add new." + zone + " 120 A 192.0.2.99");

    awaitActiveAt(id, 2024010102L);
    for (Bind9Secondary bind : stack.secondaries()) {
      assertThat(bind.soaSerial(zone)).hasValue(2024010102L);
      assertThat(address(bind, "new." + zone)).isEqualTo("192.0.2.99");
    }
    String second = transfersOf(stack.bindA(), zone).substring(afterFirst.length());
    assertThat(second)
        .as("the pool's BIND9 took the change as an IXFR:%n%s", second)
        .contains("requesting IXFR for serial 2024010101")
        .contains("got incremental response");
    // central took it from the primary by IXFR too
    assertThat(primary.log()).contains("IXFR");
  }

  @Test
  void aKnotPrimarysZoneIsServedByThePoolAndItsChangeArrivesByNotify() throws Exception {
    String zone = newZone();
    // refresh one hour: only Knot's NOTIFY can bring the change within the test
    knotPrimary =
        KnotPrimary.start(
            zone, zoneFile(zone, 2024020101L, "3600 600 86400 300"), stack.minidnsPort());
    String id = createSecondary(zone, knotPrimary.master());

    awaitActiveAt(id, 2024020101L);
    for (Bind9Secondary bind : stack.secondaries()) {
      assertThat(bind.soaSerial(zone)).hasValue(2024020101L);
      assertThat(address(bind, "www." + zone)).isEqualTo("192.0.2.80");
      assertThat(address(bind, "mail." + zone)).isEqualTo("192.0.2.25");
    }

    knotPrimary.change("zone-set knot 120 A 192.0.2.53", "zone-unset mail A");

    awaitActiveAt(id, 2024020102L);
    for (Bind9Secondary bind : stack.secondaries()) {
      assertThat(address(bind, "knot." + zone)).isEqualTo("192.0.2.53");
      assertThat(address(bind, "mail." + zone)).isEqualTo("NXDOMAIN");
    }
    String knotLog = knotPrimary.log();
    assertThat(knotLog)
        .as("Knot notified MiniDNS of serial 2024020102 and served central an IXFR:%n%s", knotLog)
        .contains(
            "notify, outgoing, remote 127.0.0.1@" + stack.minidnsPort() + ", serial 2024020102")
        .contains("IXFR, outgoing, remote 127.0.0.1@")
        .contains("started, serial 2024020101 -> 2024020102");
  }

  @Test
  void aNotifyFromAStrangerChangesNothing() throws Exception {
    String zone = newZone();
    primary =
        Bind9Primary.start(
            zone, zoneFile(zone, 10, "3600 600 86400 300"), stack.minidnsPort(), null);
    String id = createSecondary(zone, primary.master());
    awaitActiveAt(id, 10);

    Message notify = Message.newQuery(Record.newRecord(Name.fromString(zone), Type.SOA, DClass.IN));
    notify.getHeader().setOpcode(Opcode.NOTIFY);
    byte[] wire = notify.toWire();
    Message answer;
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
      socket.setSoTimeout(5000);
      socket.send(
          new DatagramPacket(
              wire,
              wire.length,
              new InetSocketAddress(InetAddress.getLoopbackAddress(), stack.minidnsPort())));
      DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
      socket.receive(packet);
      answer = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
    }

    assertThat(answer.getRcode()).isEqualTo(Rcode.REFUSED);
    JsonNode after = api.get("/v2/zones/" + id).body();
    assertThat(after.get("status").asString()).isEqualTo("ACTIVE");
    assertThat(after.get("serial").asLong()).isEqualTo(10);
  }

  @Test
  void aPrimaryGonePastExpireTurnsTheZoneErrorAndItsReturnActiveAgain() throws Exception {
    String zone = newZone();
    // refresh 1 s, retry 1 s, expire 6 s
    primary = Bind9Primary.start(zone, zoneFile(zone, 5, "1 1 6 300"), stack.minidnsPort(), null);
    String id = createSecondary(zone, primary.master());
    awaitActiveAt(id, 5);

    primary.stop();
    JsonNode error = awaitStatus(id, "ERROR");
    assertThat(error.get("status_message").asString())
        .startsWith("no master answered for " + zone)
        .contains(primary.master());
    for (Bind9Secondary bind : stack.secondaries()) {
      assertThat(address(bind, "www." + zone)).isEqualTo("192.0.2.80");
    }

    primary.restart();
    JsonNode back = awaitStatus(id, "ACTIVE");
    assertThat(back.get("serial").asLong()).isEqualTo(5);
    assertThat(back.get("status_message").isNull()).isTrue();
  }

  @Test
  void theOpenstackCliCreatesASecondaryZoneAndAsksForATransfer() throws Exception {
    Path openstack = Path.of("/usr/bin/openstack");
    if (!Files.isExecutable(openstack)) {
      throw new IllegalStateException(
          openstack
              + " is missing: apt-get install -y python3-openstackclient"
              + " python3-designateclient (bin/zonecast test does)");
    }
    String zone = newZone();
    // NOTIFYs go nowhere: only `zone axfr` brings the primary's change (--masters takes every
    // argument after it, so the name comes first)
    primary =
        Bind9Primary.start(
            zone, zoneFile(zone, 1, "3600 600 86400 300"), Bind9Secondary.freePort(), null);

    JsonNode created =
        JSON.readTree(
            openstack(
                "zone",
                "create",
                zone,
                "--type",
                "SECONDARY",
                "-f",
                "json",
                "--masters",
                primary.master()));
    assertThat(created.get("type").asString()).isEqualTo("SECONDARY");
    String id = created.get("id").asString();
    // the CLI's zone is in noauth's project, not in the one the other tests' client uses
    ApiClient cli = new ApiClient(stack.apiPort(), "noauth-project");
    awaitActiveAt(cli, id, 1);

    primary.nsupdate("update add cli." + zone + " 120 A 192.0.2.42");
    openstack("zone", "axfr", id);

    awaitActiveAt(cli, id, 2);
    for (Bind9Secondary bind : stack.secondaries()) {
      assertThat(address(bind, "cli." + zone)).isEqualTo("192.0.2.42");
    }
  }

  static String openstack(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/openstack"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("OS_AUTH_TYPE", "none");
    builder.environment().put("OS_ENDPOINT", "http://127.0.0.1:" + stack.apiPort() + "/v2");
    Path stderr = Files.createTempFile("openstack", ".err");
    builder.redirectError(stderr.toFile());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String err = Files.readString(stderr);
    Files.delete(stderr);
    assertThat(process.exitValue())
        .as("openstack %s\nstdout: %s\nstderr: %s", String.join(" ", args), out, err)
        .isZero();
    return out;
  }
}
