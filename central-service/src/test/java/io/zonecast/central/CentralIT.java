package io.zonecast.central;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.model.central.ZoneStatusReport;
import io.zonecast.model.central.ZoneStatusReport.Outcome;
import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.poolmanager.ZoneChanged;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.runtime.amqp.AmqpContracts;
import io.zonecast.runtime.amqp.AmqpNames;
import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** central-service against a real PostgreSQL and RabbitMQ. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CentralIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("central_it");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add("server.address", () -> "127.0.0.1");
    registry.add("zonecast.central.gauges-interval", () -> "200ms");
    registry.add(
        "zonecast.central.pools-file",
        () -> CentralIT.class.getResource("/test-pools.yaml").getPath());
    // these tests create many zones in one project; DesignateApiIT tests the default quotas
    registry.add("zonecast.central.quotas.zones", () -> "-1");
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @LocalServerPort int port;
  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpNames names;
  @Autowired RabbitAdmin admin;
  @Autowired JdbcTemplate jdbc;

  ApiClient api;
  ApiClient otherProject;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port, "project-a");
    otherProject = new ApiClient(port, "project-b");
    admin.purgeQueue(names.queue(Messaging.ZONE_CHANGED), false);
  }

  private String newZoneName() {
    return "z" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
  }

  private ApiClient.Response createZone(String name) {
    return api.post(
        "/v2/zones",
        "{\"name\":\"" + name + "\",\"email\":\"hostmaster@example.org\",\"ttl\":600}");
  }

  private ZoneChanged nextZoneChanged() {
    Object message = rabbit.receiveAndConvert(names.queue(Messaging.ZONE_CHANGED), 5000);
    assertThat(message).as("a ZoneChanged event on the queue").isInstanceOf(ZoneChanged.class);
    return (ZoneChanged) message;
  }

  @Test
  void createdZoneIsPendingAndItsEventReachesThePoolManagerQueue() {
    String name = newZoneName();
    ApiClient.Response created = createZone(name);

    assertThat(created.status()).isEqualTo(202);
    assertThat(created.body().get("name").asString()).isEqualTo(name);
    assertThat(created.body().get("status").asString()).isEqualTo("PENDING");
    assertThat(created.body().get("action").asString()).isEqualTo("CREATE");
    assertThat(created.body().get("project_id").asString()).isEqualTo("project-a");
    assertThat(created.body().get("links").get("self").asString())
        .endsWith("/v2/zones/" + created.body().get("id").asString());

    ZoneChanged event = nextZoneChanged();
    assertThat(event.action()).isEqualTo(ZoneAction.CREATE);
    assertThat(event.zone().name()).isEqualTo(name);
    assertThat(event.zone().serial()).isEqualTo(created.body().get("serial").asLong());
    assertThat(event.context().requestId()).startsWith("req-");
    // The relay deletes the row once the broker confirms, which can be after a consumer got it.
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() ->
            assertThat(jdbc.queryForObject("select count(*) from outbox_events", Long.class))
                .isZero());
  }

  @Test
  void noauthModeAddsNoSecurityHeadersNorSession() {
    ApiClient.Response created = createZone(newZoneName());

    // Spring Security is on the classpath for token mode; in noauth mode it must not show
    assertThat(created.status()).isEqualTo(202);
    assertThat(created.header("Set-Cookie")).isNull();
    assertThat(created.header("X-Frame-Options")).isNull();
    assertThat(created.header("Cache-Control")).isNull();
    assertThat(created.header("WWW-Authenticate")).isNull();
  }

  @Test
  void zoneGetsManagedSoaAndNsRecordsets() {
    ApiClient.Response created = createZone(newZoneName());
    String id = created.body().get("id").asString();
    long serial = created.body().get("serial").asLong();

    ApiClient.Response recordsets = api.get("/v2/zones/" + id + "/recordsets");

    assertThat(recordsets.status()).isEqualTo(200);
    assertThat(recordsets.body().get("recordsets").valueStream().map(r -> r.get("type").asString()))
        .containsExactlyInAnyOrder("SOA", "NS");
    String soa =
        recordsets
            .body()
            .get("recordsets")
            .valueStream()
            .filter(r -> r.get("type").asString().equals("SOA"))
            .findFirst()
            .orElseThrow()
            .get("records")
            .get(0)
            .asString();
    assertThat(soa).startsWith("ns1.zonecast.test. hostmaster.example.org. " + serial + " ");
  }

  @Test
  void aCreatedZoneIsStoredAsItWasAnswered() {
    ApiClient.Response created = createZone(newZoneName());
    String id = created.body().get("id").asString();

    ApiClient.Response read = api.get("/v2/zones/" + id);

    assertThat(created.body().get("version").asInt()).isEqualTo(1);
    assertThat(withoutCreatedAt(read.body())).isEqualTo(withoutCreatedAt(created.body()));
    // PostgreSQL keeps microseconds (rounded), the answer shows them truncated
    assertThat(read.body().get("created_at").asString())
        .startsWith(created.body().get("created_at").asString().substring(0, 19));
    assertThat(
            api.get("/v2/zones/" + id + "/recordsets")
                .body()
                .get("recordsets")
                .valueStream()
                .map(r ->
                    r.get("type").asString()
                        + " "
                        + r.get("status").asString()
                        + " "
                        + r.get("action").asString()
                        + " v"
                        + r.get("version").asInt()
                        + " ttl "
                        + r.get("ttl")
                        + " "
                        + r.get("records").size()))
        .containsExactlyInAnyOrder(
            "SOA PENDING CREATE v1 ttl null 1", "NS PENDING CREATE v1 ttl null 2");
  }

  private static JsonNode withoutCreatedAt(JsonNode zone) {
    ObjectNode copy = (ObjectNode) zone.deepCopy();
    copy.remove("created_at");
    return copy;
  }

  @Test
  void aRecordsetChangeBumpsTheSerialAndRewritesTheSoa() {
    ApiClient.Response zone = createZone(newZoneName());
    String id = zone.body().get("id").asString();
    String name = zone.body().get("name").asString();
    long serial = zone.body().get("serial").asLong();
    nextZoneChanged();

    ApiClient.Response recordset =
        api.post(
            "/v2/zones/" + id + "/recordsets",
            "{\"name\":\"www." + name + "\",\"type\":\"A\",\"records\":[\"192.0.2.10\"]}");

    assertThat(recordset.status()).isEqualTo(202);
    assertThat(recordset.body().get("status").asString()).isEqualTo("PENDING");
    assertThat(recordset.body().get("zone_name").asString()).isEqualTo(name);
    long newSerial = api.get("/v2/zones/" + id).body().get("serial").asLong();
    assertThat(newSerial).isGreaterThan(serial);
    ZoneChanged event = nextZoneChanged();
    assertThat(event.zone().serial()).isEqualTo(newSerial);
    assertThat(
            jdbc.queryForObject(
                "select r.data from records r join recordsets s on s.id = r.recordset_id"
                    + " where s.zone_id = ?::uuid and s.type = 'SOA'",
                String.class,
                id))
        .contains(" " + newSerial + " ");
  }

  @Test
  void statusReportForTheCurrentSerialTurnsTheZoneActiveAndAStaleOneDoesNot() {
    ApiClient.Response zone = createZone(newZoneName());
    String id = zone.body().get("id").asString();
    ZoneChanged created = nextZoneChanged();
    api.post(
        "/v2/zones/" + id + "/recordsets",
        "{\"name\":\""
            + created.zone().name()
            + "\",\"type\":\"TXT\",\"records\":[\"\\\"hi\\\"\"]}");
    ZoneChanged updated = nextZoneChanged();
    int version = api.get("/v2/zones/" + id).body().get("version").asInt();

    report(created.zone(), ZoneAction.CREATE, Outcome.SUCCESS);
    report(updated.zone(), ZoneAction.CREATE, Outcome.SUCCESS);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() ->
            assertThat(api.get("/v2/zones/" + id).body().get("status").asString())
                .isEqualTo("ACTIVE"));
    ApiClient.Response after = api.get("/v2/zones/" + id);
    assertThat(after.body().get("action").asString()).isEqualTo("NONE");
    assertThat(after.body().get("serial").asLong()).isEqualTo(updated.zone().serial());
    assertThat(after.body().get("status_message").isNull()).isTrue();
    // the verdict is a change of the zone's row: its version moves, as for any other change
    assertThat(after.body().get("version").asInt()).isEqualTo(version + 1);
    assertThat(api.text("/actuator/prometheus"))
        .containsPattern(
            "zonecast_zone_change_duration_seconds_count\\{action=\"CREATE\",outcome=\"ACTIVE\"[^}]*} [1-9]")
        .contains("zonecast_zone_change_duration_seconds_bucket{action=\"CREATE\"");
    assertThat(
            api.get("/v2/zones/" + id + "/recordsets")
                .body()
                .get("recordsets")
                .valueStream()
                .map(r -> r.get("status").asString()))
        .containsOnly("ACTIVE");
  }

  @Test
  void aReportWaitingForOneZonesRowDoesNotHoldBackAnotherZonesReport() throws Exception {
    String held = createZone(newZoneName()).body().get("id").asString();
    ZoneChanged heldCreated = nextZoneChanged();
    String other = createZone(newZoneName()).body().get("id").asString();
    ZoneChanged otherCreated = nextZoneChanged();
    // the zone's row held by another transaction, as the purge of a large deleted zone holds it
    try (java.sql.Connection holder = jdbc.getDataSource().getConnection()) {
      holder.setAutoCommit(false);
      try (var lock = holder.prepareStatement("select 1 from zones where id = ? for update")) {
        lock.setObject(1, UUID.fromString(held));
        lock.executeQuery().close();
      }
      for (ZoneChanged created : java.util.List.of(heldCreated, otherCreated)) {
        rabbit.convertAndSend(
            names.exchange(),
            Messaging.ZONE_STATUS.routingKey(),
            new ZoneStatusReport(
                created.context(), created.zone(), ZoneAction.CREATE, Outcome.SUCCESS, null));
      }

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() ->
              assertThat(api.get("/v2/zones/" + other).body().get("status").asString())
                  .isEqualTo("ACTIVE"));
      assertThat(api.get("/v2/zones/" + held).body().get("status").asString()).isEqualTo("PENDING");
      holder.rollback();
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() ->
            assertThat(api.get("/v2/zones/" + held).body().get("status").asString())
                .isEqualTo("ACTIVE"));
  }

  @Test
  void anErrorReportTurnsTheZoneErrorWithItsReason() {
    ApiClient.Response zone = createZone(newZoneName());
    String id = zone.body().get("id").asString();
    ZoneChanged created = nextZoneChanged();

    rabbit.convertAndSend(
        names.exchange(),
        Messaging.ZONE_STATUS.routingKey(),
        new ZoneStatusReport(
            created.context(), created.zone(), ZoneAction.CREATE, Outcome.ERROR, "ns1 timed out"));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> {
          ApiClient.Response now = api.get("/v2/zones/" + id);
          assertThat(now.body().get("status").asString()).isEqualTo("ERROR");
          assertThat(now.body().get("status_message").asString()).isEqualTo("ns1 timed out");
        });
    ApiClient.Response after = api.get("/v2/zones/" + id);
    // an ERROR keeps the zone's action (the change is still to be made), and its recordsets follow
    assertThat(after.body().get("action").asString()).isEqualTo("CREATE");
    assertThat(
            api.get("/v2/zones/" + id + "/recordsets")
                .body()
                .get("recordsets")
                .valueStream()
                .map(r -> r.get("status").asString() + " " + r.get("action").asString()))
        .containsOnly("ERROR CREATE");
  }

  @Test
  void deleteStaysVisibleUntilThePoolManagerConfirmsIt() {
    ApiClient.Response zone = createZone(newZoneName());
    String id = zone.body().get("id").asString();
    nextZoneChanged();

    ApiClient.Response deleting = api.delete("/v2/zones/" + id);

    assertThat(deleting.status()).isEqualTo(202);
    assertThat(deleting.body().get("action").asString()).isEqualTo("DELETE");
    assertThat(deleting.body().get("status").asString()).isEqualTo("PENDING");
    ZoneChanged event = nextZoneChanged();
    assertThat(event.action()).isEqualTo(ZoneAction.DELETE);
    assertThat(api.get("/v2/zones/" + id).status()).isEqualTo(200);

    report(event.zone(), ZoneAction.DELETE, Outcome.SUCCESS);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(api.get("/v2/zones/" + id).status()).isEqualTo(404));
  }

  @Test
  void aProjectSeesOnlyItsOwnZones() {
    String name = newZoneName();
    String id = createZone(name).body().get("id").asString();

    assertThat(otherProject.get("/v2/zones/" + id).status()).isEqualTo(404);
    assertThat(otherProject.delete("/v2/zones/" + id).status()).isEqualTo(404);
    assertThat(
            otherProject
                .get("/v2/zones")
                .body()
                .get("zones")
                .valueStream()
                .map(z -> z.get("name").asString()))
        .doesNotContain(name);
    assertThat(
            api.get("/v2/zones?name=" + name)
                .body()
                .get("zones")
                .valueStream()
                .map(z -> z.get("id").asString()))
        .containsExactly(id);
  }

  @Test
  void listPagesWithLimitAndMarker() {
    ApiClient pager = new ApiClient(port, "pager-" + UUID.randomUUID());
    for (int i = 0; i < 3; i++) {
      pager.post(
          "/v2/zones", "{\"name\":\"" + newZoneName() + "\",\"email\":\"hostmaster@example.org\"}");
    }
    ApiClient.Response first = pager.get("/v2/zones?limit=2");
    assertThat(first.body().get("zones").size()).isEqualTo(2);
    assertThat(first.body().get("metadata").get("total_count").asInt()).isEqualTo(3);
    String next = first.body().get("links").get("next").asString();
    ApiClient.Response second = pager.get(next.substring(next.indexOf("/v2/")));
    assertThat(second.body().get("zones").size()).isEqualTo(1);
    assertThat(second.body().get("links").has("next")).isFalse();
  }

  @Test
  void duplicateZoneIsAConflictAndNothingIsStored() {
    String name = newZoneName();
    createZone(name);
    nextZoneChanged();
    long zonesBefore = jdbc.queryForObject("select count(*) from zones", Long.class);

    ApiClient.Response duplicate = createZone(name);

    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.body().get("type").asString()).isEqualTo("duplicate_zone");
    assertThat(duplicate.body().get("code").asInt()).isEqualTo(409);
    assertThat(jdbc.queryForObject("select count(*) from zones", Long.class))
        .isEqualTo(zonesBefore);
    assertThat(rabbit.receive(names.queue(Messaging.ZONE_CHANGED), 500)).isNull();
  }

  @Test
  void badInputGetsA400WithDesignatesErrorBody() {
    assertError(createZone("no-trailing-dot.org"), 400, "invalid_zone_name");
    assertError(createZone("org."), 400, "invalid_zone_name");
    assertError(
        api.post("/v2/zones", "{\"name\":\"a.example.org.\",\"email\":\"not-an-email\"}"),
        400,
        "invalid_object");
    assertError(
        api.post(
            "/v2/zones",
            "{\"name\":\"a.example.org.\",\"email\":\"a@example.org\",\"ttl\":\"soon\"}"),
        400,
        "invalid_object");
    assertError(
        api.post(
            "/v2/zones", "{\"name\":\"a.example.org.\",\"email\":\"a@example.org\",\"colour\":1}"),
        400,
        "invalid_object");
    assertError(api.post("/v2/zones", "{\"name\": "), 400, "invalid_json");
    assertError(api.post("/v2/zones", "name=x", "text/plain"), 415, "unsupported_content_type");
    assertError(api.get("/v2/zones/not-a-uuid"), 404, "not_found");
    assertError(api.get("/v2/zones/" + UUID.randomUUID()), 404, "zone_not_found");
    assertError(api.get("/v2/zones?limit=0"), 400, "invalid_limit");
    assertError(api.get("/v2/zones?colour=red"), 400, "bad_request");
  }

  @Test
  void badRecordsetsAreRefusedAndChangeNothing() {
    ApiClient.Response zone = createZone(newZoneName());
    String id = zone.body().get("id").asString();
    String name = zone.body().get("name").asString();
    long serial = zone.body().get("serial").asLong();
    String path = "/v2/zones/" + id + "/recordsets";

    assertError(
        api.post(
            path, "{\"name\":\"www." + name + "\",\"type\":\"A\",\"records\":[\"300.1.1.1\"]}"),
        400,
        "invalid_object");
    assertError(
        api.post(path, "{\"name\":\"www.other.org.\",\"type\":\"A\",\"records\":[\"192.0.2.1\"]}"),
        400,
        "invalid_recordset_location");
    assertError(
        api.post(path, "{\"name\":\"" + name + "\",\"type\":\"CNAME\",\"records\":[\"x.org.\"]}"),
        400,
        "invalid_recordset_location");
    assertError(
        api.post(path, "{\"name\":\"" + name + "\",\"type\":\"SOA\",\"records\":[\"x\"]}"),
        400,
        "bad_request");
    assertError(
        api.post(path, "{\"name\":\"x." + name + "\",\"type\":\"BOGUS\",\"records\":[\"x\"]}"),
        400,
        "invalid_object");
    assertError(
        api.post(
            path, "{\"name\":\"mx." + name + "\",\"type\":\"MX\",\"records\":[\"mail.org.\"]}"),
        400,
        "invalid_object");
    api.post(path, "{\"name\":\"www." + name + "\",\"type\":\"A\",\"records\":[\"192.0.2.1\"]}");
    long afterOne = api.get("/v2/zones/" + id).body().get("serial").asLong();
    assertError(
        api.post(
            path, "{\"name\":\"www." + name + "\",\"type\":\"A\",\"records\":[\"192.0.2.2\"]}"),
        409,
        "duplicate_recordset");
    assertError(
        api.post(
            path, "{\"name\":\"www." + name + "\",\"type\":\"CNAME\",\"records\":[\"a.org.\"]}"),
        400,
        "invalid_recordset_location");
    assertThat(afterOne).isGreaterThan(serial);
    assertThat(api.get("/v2/zones/" + id).body().get("serial").asLong()).isEqualTo(afterOne);
    assertError(
        otherProject.post(
            path, "{\"name\":\"w." + name + "\",\"type\":\"A\",\"records\":[\"192.0.2.1\"]}"),
        404,
        "zone_not_found");
  }

  @Test
  void recordsetUpdateAndDeleteBumpTheSerialAndManagedRecordsetsAreProtected() {
    ApiClient.Response zone = createZone(newZoneName());
    String id = zone.body().get("id").asString();
    String name = zone.body().get("name").asString();
    String path = "/v2/zones/" + id + "/recordsets";
    String rsId =
        api.post(path, "{\"name\":\"www." + name + "\",\"type\":\"A\",\"records\":[\"192.0.2.1\"]}")
            .body()
            .get("id")
            .asString();
    long before = api.get("/v2/zones/" + id).body().get("serial").asLong();

    ApiClient.Response updated =
        api.put(path + "/" + rsId, "{\"records\":[\"192.0.2.2\",\"192.0.2.3\"],\"ttl\":60}");

    assertThat(updated.status()).isEqualTo(202);
    assertThat(updated.body().get("action").asString()).isEqualTo("UPDATE");
    assertThat(updated.body().get("records").valueStream().map(r -> r.asString()))
        .containsExactly("192.0.2.2", "192.0.2.3");
    assertThat(updated.body().get("ttl").asInt()).isEqualTo(60);
    long afterUpdate = api.get("/v2/zones/" + id).body().get("serial").asLong();
    assertThat(afterUpdate).isGreaterThan(before);

    ApiClient.Response deleted = api.delete(path + "/" + rsId);

    assertThat(deleted.status()).isEqualTo(202);
    assertThat(deleted.body().get("action").asString()).isEqualTo("DELETE");
    assertThat(api.get(path + "/" + rsId).status()).isEqualTo(404);
    assertThat(api.get("/v2/zones/" + id).body().get("serial").asLong()).isGreaterThan(afterUpdate);

    String soaId =
        api.get(path)
            .body()
            .get("recordsets")
            .valueStream()
            .filter(r -> r.get("type").asString().equals("SOA"))
            .findFirst()
            .orElseThrow()
            .get("id")
            .asString();
    assertError(api.delete(path + "/" + soaId), 400, "bad_request");
    assertError(api.put(path + "/" + soaId, "{\"ttl\":5}"), 400, "bad_request");
    assertError(api.put(path + "/" + UUID.randomUUID(), "{\"ttl\":5}"), 404, "recordset_not_found");
    assertError(api.put(path + "/" + soaId, "{\"name\":\"x.org.\"}"), 400, "invalid_object");
  }

  @Test
  void anotherProjectsZoneAboveOrBelowIsForbiddenAndAParentWithChildrenIsNotDeleted() {
    String parent = newZoneName();
    String parentId = createZone(parent).body().get("id").asString();
    String child = "sub." + parent;

    assertError(
        otherProject.post("/v2/zones", "{\"name\":\"" + child + "\",\"email\":\"h@example.org\"}"),
        403,
        "illegal_child");
    String deeper = "a.b." + newZoneName();
    assertThat(createZone(deeper).status()).isEqualTo(202);
    assertError(
        otherProject.post(
            "/v2/zones", "{\"name\":\"" + deeper.substring(4) + "\",\"email\":\"h@example.org\"}"),
        403,
        "illegal_parent");

    ApiClient.Response own = createZone(child);
    assertThat(own.status()).as("%s", own.body()).isEqualTo(202);
    assertError(api.delete("/v2/zones/" + parentId), 400, "zone_has_sub_zone");
    assertThat(api.get("/v2/zones/" + parentId).body().get("action").asString())
        .isEqualTo("CREATE");
  }

  @Test
  void onlyAnAdminWithEditManagedRecordsChangesTheApexNsAndNobodyTheSoa() {
    ApiClient.Response zone = createZone(newZoneName());
    String id = zone.body().get("id").asString();
    String path = "/v2/zones/" + id + "/recordsets";
    Map<String, String> managed =
        api.get(path)
            .body()
            .get("recordsets")
            .valueStream()
            .collect(
                java.util.stream.Collectors.toMap(
                    r -> r.get("type").asString(), r -> r.get("id").asString()));
    String ns = path + "/" + managed.get("NS");
    String body = "{\"records\":[\"ns9.example.net.\"]}";
    ApiClient editing = api.withHeader("X-Designate-Edit-Managed-Records", "True");
    long before = api.get("/v2/zones/" + id).body().get("serial").asLong();

    assertError(api.put(ns, body), 400, "bad_request");
    assertError(editing.withHeader("X-Roles", "member").put(ns, body), 403, "forbidden");
    assertError(editing.put(path + "/" + managed.get("SOA"), "{\"ttl\":60}"), 400, "bad_request");

    ApiClient.Response changed = editing.put(ns, body);
    assertThat(changed.status()).as("%s", changed.body()).isEqualTo(202);
    assertThat(changed.body().get("records").valueStream().map(r -> r.asString()))
        .containsExactly("ns9.example.net.");
    assertThat(api.get("/v2/zones/" + id).body().get("serial").asLong()).isGreaterThan(before);
    assertError(editing.delete(ns), 400, "bad_request");
  }

  @Test
  void patchChangesEmailAndTtlBumpsTheSerialAndRefusesRenames() {
    ApiClient.Response zone = createZone(newZoneName());
    String id = zone.body().get("id").asString();
    long serial = zone.body().get("serial").asLong();

    ApiClient.Response patched =
        api.patch("/v2/zones/" + id, "{\"email\":\"dns@example.net\",\"ttl\":120}");

    assertThat(patched.status()).isEqualTo(202);
    assertThat(patched.body().get("email").asString()).isEqualTo("dns@example.net");
    assertThat(patched.body().get("ttl").asInt()).isEqualTo(120);
    assertThat(patched.body().get("status").asString()).isEqualTo("PENDING");
    assertThat(patched.body().get("serial").asLong()).isGreaterThan(serial);
    assertThat(
            jdbc.queryForObject(
                "select r.data from records r join recordsets s on s.id = r.recordset_id"
                    + " where s.zone_id = ?::uuid and s.type = 'SOA'",
                String.class,
                id))
        .contains(" dns.example.net. ");
    assertError(api.patch("/v2/zones/" + id, "{\"name\":\"other.org.\"}"), 400, "bad_request");
    assertError(api.patch("/v2/zones/" + id, "{\"ttl\":-1}"), 400, "invalid_ttl");
    assertError(otherProject.patch("/v2/zones/" + id, "{\"ttl\":5}"), 404, "zone_not_found");
  }

  @Test
  void nameserversAreThePoolsNsRecords() {
    String id = createZone(newZoneName()).body().get("id").asString();

    ApiClient.Response nameservers = api.get("/v2/zones/" + id + "/nameservers");

    assertThat(nameservers.status()).isEqualTo(200);
    assertThat(
            nameservers
                .body()
                .get("nameservers")
                .valueStream()
                .map(n -> n.get("hostname").asString()))
        .containsExactly("ns1.zonecast.test.", "ns2.zonecast.test.");
  }

  @Test
  void anUnreadableMessageGoesToTheDeadLetterQueueOnce() {
    admin.purgeQueue(names.deadLetterQueue(), false);
    MessageProperties properties = new MessageProperties();
    properties.setContentType("application/json");
    properties.setHeader("__TypeId__", "central.zone_status.v1");
    rabbit.send(
        names.exchange(),
        Messaging.ZONE_STATUS.routingKey(),
        new Message("{not json".getBytes(), properties));

    Message dead = rabbit.receive(names.deadLetterQueue(), 10_000);

    assertThat(dead).isNotNull();
    assertThat(new String(dead.getBody())).isEqualTo("{not json");
    assertThat((String) dead.getMessageProperties().getHeader(AmqpContracts.ERROR_HEADER))
        .startsWith("unreadable");
    assertThat(rabbit.receive(names.deadLetterQueue(), 500)).isNull();
  }

  @Test
  void itsDatabaseSessionsRunWithoutPostgresJit() {
    // application.yaml: with stale statistics JIT compiled millisecond queries for 320 ms
    assertThat(jdbc.queryForObject("show jit", String.class)).isEqualTo("off");
  }

  @Test
  void servesItsOpenApiDescriptionAndPrometheusMetrics() {
    String openApi = api.text("/v3/api-docs");
    assertThat(openApi)
        .contains("\"openapi\"")
        .contains("/v2/zones")
        .contains("/v2/zones/{zoneId}/recordsets");
    assertThat(openApi).doesNotContain("\"requestId\"");
    assertThat(api.text("/actuator/prometheus")).contains("jvm_memory_used_bytes");
    createZone(newZoneName());
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() ->
            assertThat(api.text("/actuator/prometheus"))
                .containsPattern(
                    "zonecast_zones\\{action=\"CREATE\",[^}]*status=\"PENDING\"[^}]*} [1-9]")
                .contains("zonecast_outbox_pending")
                .contains("zonecast_queue_messages{")
                .contains("queue=\"" + names.queue(Messaging.ZONE_CHANGED) + "\""));
  }

  private void report(ZoneRef zone, ZoneAction action, Outcome outcome) {
    rabbit.convertAndSend(
        names.exchange(),
        Messaging.ZONE_STATUS.routingKey(),
        new ZoneStatusReport(RequestContext.system("req-test"), zone, action, outcome, null));
  }

  private static void assertError(ApiClient.Response response, int status, String type) {
    assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
    assertThat(response.body().get("code").asInt()).isEqualTo(status);
    assertThat(response.body().get("type").asString()).isEqualTo(type);
    assertThat(response.body().get("message").asString()).isNotBlank();
    assertThat(response.body().get("request_id").asString()).startsWith("req-");
  }
}
