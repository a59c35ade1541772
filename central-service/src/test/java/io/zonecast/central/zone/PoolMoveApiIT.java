package io.zonecast.central.zone;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.model.central.ZoneStatusReport;
import io.zonecast.model.central.ZoneStatusReport.Outcome;
import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.pool.Pool;
import io.zonecast.model.poolmanager.ZoneChanged;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.runtime.amqp.AmqpNames;
import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.TestInfrastructure;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Designate's pool move against a real PostgreSQL and RabbitMQ, with two pools: the API's checks,
 * what changes in the zone at once (pool, NS, SOA MNAME, serial), and the steps the pool manager's
 * reports drive (the pool manager's side is in the system tests).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PoolMoveApiIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("central_pool_move_it");
  static final UUID STANDARD = Pool.DEFAULT_POOL_ID;
  static final UUID GOLD = UUID.fromString("6c346011-e581-429b-a7a2-6cdf0aba91c3");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add(
        "zonecast.central.pools-file",
        () -> PoolMoveApiIT.class.getResource("/test-two-pools.yaml").getPath());
    registry.add("zonecast.central.quotas.zones", () -> "-1");
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpNames names;
  @Autowired RabbitAdmin rabbitAdmin;
  @Autowired ZoneStatusUpdater statusUpdater;

  String project;
  ApiClient member;
  ApiClient admin;

  @BeforeEach
  void setUp() {
    project = "p-" + UUID.randomUUID().toString().substring(0, 8);
    member = new ApiClient(port, project).withHeader("X-Roles", "member");
    admin = new ApiClient(port, project).withHeader("X-Roles", "admin");
    rabbitAdmin.purgeQueue(names.queue(Messaging.ZONE_CHANGED), false);
  }

  /** A zone of {@code member}'s project, ACTIVE in the pool its attributes choose. */
  JsonNode activeZone(String attributes) {
    String name = "m" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
    rabbitAdmin.purgeQueue(names.queue(Messaging.ZONE_CHANGED), false);
    ApiClient.Response created =
        member.post(
            "/v2/zones",
            "{\"name\":\""
                + name
                + "\",\"email\":\"h@example.org\""
                + (attributes == null ? "" : ",\"attributes\":" + attributes)
                + "}");
    assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
    ZoneChanged create = nextZoneChanged(created.body().get("id").asString());
    report(create.zone(), ZoneAction.CREATE, Outcome.SUCCESS);
    JsonNode zone = zone(created.body().get("id").asString());
    assertThat(zone.get("status").asString()).isEqualTo("ACTIVE");
    return zone;
  }

  JsonNode zone(String id) {
    return member.get("/v2/zones/" + id).body();
  }

  ApiClient.Response move(ApiClient client, String zoneId, String body) {
    return client.post("/v2/zones/" + zoneId + "/tasks/pool_move", body);
  }

  /** The next event about zone {@code id}; those about other zones of earlier steps are skipped. */
  ZoneChanged nextZoneChanged(String id) {
    while (true) {
      Object message = rabbit.receiveAndConvert(names.queue(Messaging.ZONE_CHANGED), 10_000);
      assertThat(message).as("a ZoneChanged event on the queue").isInstanceOf(ZoneChanged.class);
      ZoneChanged event = (ZoneChanged) message;
      if (event.zone().id().toString().equals(id)) {
        return event;
      }
    }
  }

  /** No further event about zone {@code id} (within half a second). */
  void noZoneChanged(String id) {
    Object message;
    while ((message = rabbit.receiveAndConvert(names.queue(Messaging.ZONE_CHANGED), 500)) != null) {
      assertThat(((ZoneChanged) message).zone().id().toString()).isNotEqualTo(id);
    }
  }

  void report(ZoneRef zone, ZoneAction action, Outcome outcome) {
    statusUpdater.apply(
        new ZoneStatusReport(
            new RequestContext("req-test", project),
            zone,
            action,
            outcome,
            outcome == Outcome.ERROR ? "target said no" : null));
  }

  List<String> records(String zoneId, String type) {
    return jdbc.queryForList(
        "select d.data from records d join recordsets r on r.id = d.recordset_id"
            + " where r.zone_id = ?::uuid and r.type = ? order by d.position",
        String.class,
        zoneId,
        type);
  }

  long moves(String zoneId) {
    return jdbc.queryForObject(
        "select count(*) from zone_pool_moves where zone_id = ?::uuid", Long.class, zoneId);
  }

  @Test
  void aZoneMovesToTheNamedPoolAndLeavesTheOldOneOnlyOnceTheNewOneServesIt() {
    JsonNode zone = activeZone(null);
    String id = zone.get("id").asString();
    assertThat(zone.get("pool_id").asString()).isEqualTo(STANDARD.toString());

    ApiClient.Response moved = move(admin, id, "{\"pool_id\":\"" + GOLD + "\"}");
    assertThat(moved.status()).as("%s", moved.body()).isEqualTo(202);

    JsonNode moving = zone(id);
    assertThat(moving.get("pool_id").asString()).isEqualTo(GOLD.toString());
    assertThat(moving.get("status").asString()).isEqualTo("PENDING");
    assertThat(moving.get("action").asString()).isEqualTo("UPDATE");
    long serial = moving.get("serial").asLong();
    assertThat(serial).isGreaterThan(zone.get("serial").asLong());
    assertThat(records(id, "NS")).containsExactly("ns1.gold.test.", "ns2.gold.test.");
    assertThat(records(id, "SOA").getFirst()).startsWith("ns1.gold.test. ");
    assertThat(member.get("/v2/zones/" + id + "/nameservers").body().get("nameservers").size())
        .isEqualTo(2);

    // first the new pool gets the zone (the change names it), the old one keeps it
    ZoneChanged create = nextZoneChanged(id);
    assertThat(create.action()).isEqualTo(ZoneAction.UPDATE);
    assertThat(create.zone().poolId()).isEqualTo(GOLD);
    assertThat(create.zone().serial()).isEqualTo(serial);
    noZoneChanged(id);

    // the new pool serves it: now the old pool drops it, and the zone is still moving
    report(create.zone(), ZoneAction.UPDATE, Outcome.SUCCESS);
    assertThat(zone(id).get("status").asString()).isEqualTo("PENDING");
    ZoneChanged leave = nextZoneChanged(id);
    assertThat(leave.action()).isEqualTo(ZoneAction.DELETE);
    assertThat(leave.zone().poolId()).isEqualTo(STANDARD);
    assertThat(leave.zone().id().toString()).isEqualTo(id);

    // the old pool dropped it: the move is over, the zone ACTIVE (and not deleted)
    report(leave.zone(), ZoneAction.DELETE, Outcome.SUCCESS);
    JsonNode done = zone(id);
    assertThat(done.get("status").asString()).isEqualTo("ACTIVE");
    assertThat(done.get("action").asString()).isEqualTo("NONE");
    assertThat(done.get("pool_id").asString()).isEqualTo(GOLD.toString());
    assertThat(moves(id)).isZero();
  }

  @Test
  void withoutAPoolIdTheSchedulerDecidesAndTheSamePoolIsRefused() {
    JsonNode zone = activeZone("{\"tier\":\"gold\"}");
    String id = zone.get("id").asString();
    assertThat(zone.get("pool_id").asString()).isEqualTo(GOLD.toString());
    assertError(move(admin, id, "{}"), 400, "bad_request", "No valid pool selected");
    assertError(
        move(admin, id, "{\"pool_id\":\"" + GOLD + "\"}"),
        400,
        "bad_request",
        "Target pool must be different for zone pool move");

    assertThat(move(admin, id, "{\"pool_id\":\"" + STANDARD + "\"}").status()).isEqualTo(202);
    ZoneChanged create = nextZoneChanged(id);
    report(create.zone(), ZoneAction.UPDATE, Outcome.SUCCESS);
    report(nextZoneChanged(id).zone(), ZoneAction.DELETE, Outcome.SUCCESS);
    assertThat(zone(id).get("pool_id").asString()).isEqualTo(STANDARD.toString());
    assertThat(records(id, "NS")).containsExactly("ns1.standard.test.");

    // the scheduler sends the gold zone back to the gold pool
    assertThat(move(admin, id, "").status()).isEqualTo(202);
    assertThat(zone(id).get("pool_id").asString()).isEqualTo(GOLD.toString());
    assertThat(nextZoneChanged(id).zone().poolId()).isEqualTo(GOLD);
  }

  @Test
  void badMovesGetDesignatesErrors() {
    String id = activeZone(null).get("id").asString();
    String gold = "{\"pool_id\":\"" + GOLD + "\"}";
    assertError(move(member, id, gold), 403, "forbidden", null);
    assertError(
        move(admin, id, "{\"pool_id\":\"" + UUID.randomUUID() + "\"}"),
        400,
        "bad_request",
        "Target pool does not exist");
    assertError(move(admin, id, "{\"pool_id\":\"gold\"}"), 400, "invalid_object", null);
    assertError(move(admin, id, "{\"pool_id\":5}"), 400, "invalid_object", null);
    assertError(move(admin, id, "{\"name\":\"x.\"}"), 400, "invalid_object", null);
    assertError(move(admin, id, "[]"), 400, "invalid_object", null);
    assertError(move(admin, UUID.randomUUID().toString(), gold), 404, "zone_not_found", null);
    ApiClient otherAdmin = new ApiClient(port, "other-admin").withHeader("X-Roles", "admin");
    assertError(move(otherAdmin, id, gold), 404, "zone_not_found", null);
    assertThat(zone(id).get("pool_id").asString()).isEqualTo(STANDARD.toString());

    assertThat(move(otherAdmin.withHeader("X-Auth-All-Projects", "true"), id, gold).status())
        .isEqualTo(202);
    assertError(
        move(admin, id, "{\"pool_id\":\"" + STANDARD + "\"}"),
        400,
        "bad_request",
        "is already moving");

    String deleting = activeZone(null).get("id").asString();
    assertThat(member.delete("/v2/zones/" + deleting).status()).isEqualTo(202);
    assertError(move(admin, deleting, gold), 400, "bad_request", "Can not move a deleting zone");
  }

  @Test
  void anErrorOfTheNewPoolShowsAndItsLaterSuccessFinishesTheMove() {
    String id = activeZone(null).get("id").asString();
    nextZoneChangedAfterMove(id);
    ZoneRef moved =
        new ZoneRef(
            UUID.fromString(id),
            zone(id).get("name").asString(),
            GOLD,
            zone(id).get("serial").asLong());

    report(moved, ZoneAction.UPDATE, Outcome.ERROR);
    JsonNode failed = zone(id);
    assertThat(failed.get("status").asString()).isEqualTo("ERROR");
    assertThat(failed.get("status_message").asString())
        .contains("moving to pool")
        .contains("target said no");
    noZoneChanged(id);

    // the pool manager re-drives the change; its success goes on with the move
    report(moved, ZoneAction.UPDATE, Outcome.SUCCESS);
    ZoneChanged leave = nextZoneChanged(id);
    assertThat(leave.zone().poolId()).isEqualTo(STANDARD);
    report(leave.zone(), ZoneAction.DELETE, Outcome.ERROR);
    assertThat(moves(id)).isOne();
    report(leave.zone(), ZoneAction.DELETE, Outcome.SUCCESS);
    assertThat(zone(id).get("status").asString()).isEqualTo("ACTIVE");
    assertThat(moves(id)).isZero();
  }

  @Test
  void aChangeDuringTheMoveKeepsTheZonePendingUntilTheNewPoolServesIt() {
    JsonNode zone = activeZone(null);
    String id = zone.get("id").asString();
    ZoneChanged create = nextZoneChangedAfterMove(id);
    ApiClient.Response recordset =
        member.post(
            "/v2/zones/" + id + "/recordsets",
            "{\"name\":\"www."
                + zone.get("name").asString()
                + "\",\"type\":\"A\",\"records\":[\"192.0.2.1\"]}");
    assertThat(recordset.status()).isEqualTo(202);
    ZoneChanged update = nextZoneChanged(id);
    assertThat(update.zone().poolId()).isEqualTo(GOLD);

    // the CREATE's serial is no longer the zone's: its success waits for the newer change's
    report(create.zone(), ZoneAction.UPDATE, Outcome.SUCCESS);
    noZoneChanged(id);
    report(update.zone(), ZoneAction.UPDATE, Outcome.SUCCESS);
    ZoneChanged leave = nextZoneChanged(id);
    assertThat(leave.zone().poolId()).isEqualTo(STANDARD);
    assertThat(zone(id).get("status").asString()).isEqualTo("PENDING");
    report(leave.zone(), ZoneAction.DELETE, Outcome.SUCCESS);
    assertThat(zone(id).get("status").asString()).isEqualTo("ACTIVE");
    assertThat(
            member
                .get("/v2/zones/" + id + "/recordsets?type=A")
                .body()
                .get("recordsets")
                .get(0)
                .get("status")
                .asString())
        .isEqualTo("ACTIVE");
  }

  @Test
  void aZoneDeletedWhileMovingLeavesBothPoolsAndIsGoneWhenItsNewPoolDroppedIt() {
    String id = activeZone(null).get("id").asString();
    nextZoneChangedAfterMove(id);
    assertThat(member.delete("/v2/zones/" + id).status()).isEqualTo(202);
    ZoneChanged leave = nextZoneChanged(id);
    ZoneChanged delete = nextZoneChanged(id);
    // two pools, two messages: their order does not matter to the pool manager
    assertThat(List.of(leave.zone().poolId(), delete.zone().poolId()))
        .containsExactlyInAnyOrder(STANDARD, GOLD);
    assertThat(List.of(leave.action(), delete.action())).containsOnly(ZoneAction.DELETE);

    ZoneRef left = leave.zone().poolId().equals(STANDARD) ? leave.zone() : delete.zone();
    ZoneRef deleted = leave.zone().poolId().equals(GOLD) ? leave.zone() : delete.zone();
    report(left, ZoneAction.DELETE, Outcome.SUCCESS);
    assertThat(member.get("/v2/zones/" + id).status()).isEqualTo(200);
    report(deleted, ZoneAction.DELETE, Outcome.SUCCESS);
    assertThat(member.get("/v2/zones/" + id).status()).isEqualTo(404);
  }

  private ZoneChanged nextZoneChangedAfterMove(String id) {
    assertThat(move(admin, id, "{\"pool_id\":\"" + GOLD + "\"}").status()).isEqualTo(202);
    ZoneChanged create = nextZoneChanged(id);
    assertThat(create.action()).isEqualTo(ZoneAction.UPDATE);
    assertThat(create.zone().poolId()).isEqualTo(GOLD);
    return create;
  }

  private static void assertError(
      ApiClient.Response response, int status, String type, String messagePart) {
    assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
    assertThat(response.body().get("code").asInt()).isEqualTo(status);
    assertThat(response.body().get("type").asString()).isEqualTo(type);
    assertThat(response.body().get("message").asString()).isNotBlank();
    if (messagePart != null) {
      assertThat(response.body().get("message").asString()).contains(messagePart);
    }
  }
}
