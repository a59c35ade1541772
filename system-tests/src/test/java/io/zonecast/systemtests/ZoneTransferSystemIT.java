package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Secondary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import tools.jackson.databind.JsonNode;

/**
 * Ownership transfer and abandon with the whole stack and two real BIND9 secondaries: a zone
 * changing project is served throughout, unchanged, and the new owner's changes reach both
 * secondaries; an abandoned zone leaves the API but both secondaries keep serving it, also after
 * the pool manager's periodic sync went over every zone.
 */
class ZoneTransferSystemIT {

  static String apiBase;

  @RegisterExtension
  static final StackExtension stack =
      StackExtension.named("transfer")
          // a sync every second, so the test sees one run after the abandon
          .poolManager("--zonecast.pool-manager.sync.interval=1s")
          .started(s -> apiBase = "http://127.0.0.1:" + s.apiPort());

  static ApiClient project(String project, String roles) {
    return new ApiClient(apiBase, project).withHeader("X-Roles", roles);
  }

  static void awaitActive(ApiClient api, String zoneId) {
    await("zone " + zoneId + " ACTIVE")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() ->
            assertThat(api.get("/v2/zones/" + zoneId).body().get("status").asString())
                .as("zone status; logs in target/system-test-logs")
                .isEqualTo("ACTIVE"));
  }

  static void assertServed(String zone, long serial) throws Exception {
    for (Bind9Secondary bind : stack.secondaries()) {
      assertThat(bind.soaSerial(zone)).as("%s on BIND9 %s", zone, bind.port()).hasValue(serial);
    }
  }

  @Test
  void aTransferredZoneIsServedThroughoutAndTheNewOwnersChangesReachBothSecondaries()
      throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    ApiClient alice = project("alice-" + run, "member");
    ApiClient bob = project("bob-" + run, "member");
    String zone = "moving-" + run + ".example.org.";
    String zoneId =
        alice
            .post("/v2/zones", "{\"name\":\"" + zone + "\",\"email\":\"h@example.org\"}")
            .body()
            .get("id")
            .asString();
    alice.post(
        "/v2/zones/" + zoneId + "/recordsets",
        "{\"name\":\"www." + zone + "\",\"type\":\"A\",\"records\":[\"192.0.2.20\"]}");
    awaitActive(alice, zoneId);
    long serial = alice.get("/v2/zones/" + zoneId).body().get("serial").asLong();
    assertServed(zone, serial);

    JsonNode request =
        alice
            .post(
                "/v2/zones/" + zoneId + "/tasks/transfer_requests",
                "{\"target_project_id\":\"bob-" + run + "\"}")
            .body();
    assertServed(zone, serial);
    ApiClient.Response accepted =
        bob.post(
            "/v2/zones/tasks/transfer_accepts",
            "{\"zone_transfer_request_id\":\""
                + request.get("id").asString()
                + "\",\"key\":\""
                + request.get("key").asString()
                + "\"}");
    assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(201);
    // right after, and unchanged: nothing was sent to the secondaries
    assertServed(zone, serial);
    JsonNode moved = bob.get("/v2/zones/" + zoneId).body();
    assertThat(moved.get("status").asString()).isEqualTo("ACTIVE");
    assertThat(moved.get("serial").asLong()).isEqualTo(serial);
    assertThat(alice.get("/v2/zones/" + zoneId).status()).isEqualTo(404);

    ApiClient.Response added =
        bob.post(
            "/v2/zones/" + zoneId + "/recordsets",
            "{\"name\":\"bob." + zone + "\",\"type\":\"A\",\"records\":[\"192.0.2.21\"]}");
    assertThat(added.status()).as("%s", added.body()).isEqualTo(202);
    awaitActive(bob, zoneId);
    long after = bob.get("/v2/zones/" + zoneId).body().get("serial").asLong();
    assertServed(zone, after);
    for (Bind9Secondary bind : stack.secondaries()) {
      assertThat(bind.query("bob." + zone, Type.A).getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(bind.query("www." + zone, Type.A).getSection(Section.ANSWER)).hasSize(1);
    }
  }

  @Test
  void anAbandonedZoneLeavesTheApiAndStaysOnBothSecondaries() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    ApiClient admin = project("ops-" + run, "admin");
    String zone = "abandoned-" + run + ".example.org.";
    String zoneId =
        admin
            .post("/v2/zones", "{\"name\":\"" + zone + "\",\"email\":\"h@example.org\"}")
            .body()
            .get("id")
            .asString();
    admin.post(
        "/v2/zones/" + zoneId + "/recordsets",
        "{\"name\":\"www." + zone + "\",\"type\":\"A\",\"records\":[\"192.0.2.30\"]}");
    awaitActive(admin, zoneId);
    long serial = admin.get("/v2/zones/" + zoneId).body().get("serial").asLong();
    assertServed(zone, serial);

    OffsetDateTime abandonedAt = now();
    assertThat(admin.post("/v2/zones/" + zoneId + "/tasks/abandon", "").status()).isEqualTo(204);
    assertThat(admin.get("/v2/zones/" + zoneId).status()).isEqualTo(404);
    assertThat(admin.get("/v2/zones?name=" + zone).body().get("zones")).isEmpty();

    // the pool manager's periodic sync started a run after the abandon, and the next one (a run
    // starts when the one before it finished)
    OffsetDateTime started =
        await("a sync run after the abandon")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(ZoneTransferSystemIT::lastSync, at -> at != null && at.isAfter(abandonedAt));
    await("the next sync run")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(ZoneTransferSystemIT::lastSync, at -> at.isAfter(started));
    // and a change to another zone went all the way through meanwhile
    String otherId =
        admin
            .post(
                "/v2/zones",
                "{\"name\":\"other-" + run + ".example.org.\",\"email\":\"h@example.org\"}")
            .body()
            .get("id")
            .asString();
    awaitActive(admin, otherId);

    assertServed(zone, serial);
    for (Bind9Secondary bind : stack.secondaries()) {
      assertThat(bind.query("www." + zone, Type.A).getSection(Section.ANSWER)).hasSize(1);
    }
  }

  static OffsetDateTime now() throws Exception {
    try (Connection db = stack.get().database();
        PreparedStatement s = db.prepareStatement("select now()");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getObject(1, OffsetDateTime.class);
    }
  }

  static OffsetDateTime lastSync() throws Exception {
    try (Connection db = stack.get().database();
        PreparedStatement s = db.prepareStatement("select max(updated_at) from sync_positions");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getObject(1, OffsetDateTime.class);
    }
  }
}
