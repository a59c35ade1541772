package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Secondary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import tools.jackson.databind.JsonNode;

/**
 * Targets that fail, with {@code threshold-percentage: 100} and short retries: a change while one
 * secondary is down goes ERROR, and once it is back the pool manager's recovery re-drives the zone
 * to ACTIVE by itself; a secondary restarted with its zones wiped gets them back from the periodic
 * sync; the heartbeat shows the secondary down in {@code GET /v2/service_statuses}; a recordset a
 * secondary refuses (its max-records-per-type lowered below the pools file's) turns the zone ERROR
 * with the secondary's own reason.
 */
class TargetFailureSystemIT {

  /** Short NOTIFY/poll retries, a fast recovery, sync and heartbeat: the test's clock. */
  static final List<String> FAST_FAILURE_HANDLING =
      List.of(
          "--zonecast.pool-manager.notify.retry-interval=0.2",
          "--zonecast.pool-manager.notify.max-retries=2",
          "--zonecast.pool-manager.poll.timeout=0.5",
          "--zonecast.pool-manager.poll.retry-interval=0.2",
          "--zonecast.pool-manager.poll.max-retries=10",
          "--zonecast.pool-manager.backend.attempts=1",
          "--zonecast.pool-manager.backend.rndc-timeout=3s",
          "--zonecast.pool-manager.recovery.interval=2s",
          "--zonecast.pool-manager.recovery.initial-backoff=2s",
          "--zonecast.pool-manager.recovery.max-backoff=4s",
          "--zonecast.pool-manager.sync.interval=3s",
          "--zonecast.pool-manager.health.interval=1s",
          "--zonecast.heartbeat.interval=1s");

  /** {@link #FAST_FAILURE_HANDLING} with this threshold-percentage. */
  static List<String> fastFailureHandling(int thresholdPercentage) {
    List<String> settings = new ArrayList<>(FAST_FAILURE_HANDLING);
    settings.add("--zonecast.pool-manager.threshold-percentage=" + thresholdPercentage);
    return settings;
  }

  static ApiClient api;

  @RegisterExtension
  static final StackExtension stack =
      StackExtension.named("targetfail")
          .poolManager(fastFailureHandling(100))
          .started(s -> api = s.api);

  @Test
  void aChangeWhileASecondaryIsDownGoesErrorAndTurnsActiveWhenItIsBack() throws Exception {
    String changed = stack.zones().createActive("down");
    String changedName = stack.zones().name(changed);

    stack.bindB().stop();
    stack.zones().addA(changed, "www." + changedName, "192.0.2.10");
    String created = stack.zones().create(ZoneSteps.newZone("created-while-down"));

    stack.zones().awaitStatus(changed, "ERROR", Duration.ofSeconds(90));
    stack.zones().awaitStatus(created, "ERROR", Duration.ofSeconds(90));
    String poolManagerTarget = "127.0.0.1:" + stack.bindB().port();
    await("the heartbeat sees the secondary down")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> {
          JsonNode poolManager = serviceStatus(api, "pool-manager");
          assertThat(poolManager.get("status").asString()).isEqualTo("WARNING");
          JsonNode target = poolManager.get("stats").get("targets").get(poolManagerTarget);
          assertThat(target.get("up").asBoolean()).isFalse();
          assertThat(target.get("last_error").isNull()).isFalse();
        });

    stack.bindB().start();

    stack.zones().awaitStatus(changed, "ACTIVE", Duration.ofSeconds(90));
    stack.zones().awaitStatus(created, "ACTIVE", Duration.ofSeconds(90));
    for (String id : List.of(changed, created)) {
      long serial = api.get("/v2/zones/" + id).body().get("serial").asLong();
      for (Bind9Secondary bind : stack.secondaries()) {
        assertThat(bind.soaSerial(stack.zones().name(id)))
            .as("%s on %s", stack.zones().name(id), bind.port())
            .hasValue(serial);
      }
    }
    assertThat(stack.bindB().query("www." + changedName, Type.A).getRcode())
        .isEqualTo(Rcode.NOERROR);
    await("the heartbeat sees the secondary up again")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> {
          JsonNode poolManager = serviceStatus(api, "pool-manager");
          assertThat(poolManager.get("status").asString()).isEqualTo("UP");
          assertThat(
                  poolManager
                      .get("stats")
                      .get("targets")
                      .get(poolManagerTarget)
                      .get("up")
                      .asBoolean())
              .isTrue();
        });
  }

  @Test
  void aSecondaryRestartedWithItsZonesWipedGetsThemBackFromTheSync() throws Exception {
    String first = stack.zones().createActive("wiped-one");
    String second = stack.zones().createActive("wiped-two");
    stack.zones().addA(second, "www." + stack.zones().name(second), "192.0.2.20");
    stack.zones().awaitStatus(second, "ACTIVE", Duration.ofSeconds(60));

    stack.bindA().restartEmpty();
    assertThat(stack.bindA().query(stack.zones().name(first), Type.SOA).getRcode())
        .as("the restarted secondary has no zones")
        .isEqualTo(Rcode.REFUSED);

    for (String id : List.of(first, second)) {
      long serial = api.get("/v2/zones/" + id).body().get("serial").asLong();
      await(stack.zones().name(id) + " restored on the wiped secondary")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () -> assertThat(stack.bindA().soaSerial(stack.zones().name(id))).hasValue(serial));
    }
    assertThat(stack.bindA().query("www." + stack.zones().name(second), Type.A).getRcode())
        .isEqualTo(Rcode.NOERROR);
  }

  /**
   * Issue 16: an operator lowered BIND's max-records-per-type below the pools file's (100), so the
   * API takes a recordset that BIND then refuses to load: the zone's status_message says which
   * target refused which serial and why (from BIND's log), not only that the serial was not served.
   */
  @Test
  void aRecordsetASecondaryRefusesTurnsTheZoneErrorWithTheSecondarysReason() throws Exception {
    String zone = stack.zones().createActive("refused");
    stack.bindA().maxRecordsPerType(3);
    try {
      ApiClient.Response recordset =
          api.post(
              "/v2/zones/" + zone + "/recordsets",
              "{\"name\":\"big."
                  + stack.zones().name(zone)
                  + "\",\"type\":\"A\",\"records\":[\"192.0.2.1\",\"192.0.2.2\","
                  + "\"192.0.2.3\",\"192.0.2.4\",\"192.0.2.5\"]}");
      assertThat(recordset.status()).as("%s", recordset.body()).isEqualTo(202);
      long serial = api.get("/v2/zones/" + zone).body().get("serial").asLong();
      await("zone " + zone + " ERROR naming the refusal")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(() -> {
            JsonNode shown = api.get("/v2/zones/" + zone).body();
            assertThat(shown.get("status").asString()).isEqualTo("ERROR");
            assertThat(shown.get("status_message").asString())
                .contains("(rndc 127.0.0.1:" + stack.bindA().rndcPort() + ")")
                .contains("refused the transfer of serial " + serial)
                .contains(
                    "error adding 'big." + stack.zones().name(zone).replaceAll("\\.$", "") + "/A'")
                .contains("too many records (must not exceed 3)");
          });
    } finally {
      stack.bindA().maxRecordsPerType(Bind9Secondary.DEFAULT_MAX_RECORDS_PER_TYPE);
    }
    stack.zones().awaitStatus(zone, "ACTIVE", Duration.ofSeconds(90));
  }

  @Test
  void everyServiceHeartbeatsInServiceStatuses() {
    await("central, pool-manager and minidns in service_statuses")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> {
          for (String service : List.of("central", "pool-manager", "minidns")) {
            JsonNode status = serviceStatus(api, service);
            assertThat(status.get("status").asString()).isIn("UP", "WARNING");
            assertThat(status.get("heartbeated_at").asString()).isNotBlank();
            assertThat(status.get("links").get("self").asString())
                .endsWith("/v2/service_statuses/" + status.get("id").asString());
          }
        });
    assertThat(api.withHeader("X-Roles", "member").get("/v2/service_statuses").status())
        .as("admin only")
        .isEqualTo(403);
  }

  static JsonNode serviceStatus(ApiClient api, String serviceName) throws Exception {
    ApiClient.Response response = api.withHeader("X-Roles", "admin").get("/v2/service_statuses");
    assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
    for (JsonNode status : response.body().get("service_statuses")) {
      if (status.get("service_name").asString().equals(serviceName)) {
        return status;
      }
    }
    throw new AssertionError("no " + serviceName + " in " + response.body());
  }
}
