package io.zonecast.central.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.model.messaging.Messaging;
import io.zonecast.runtime.amqp.AmqpNames;
import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** SECONDARY zones through the API, against a real PostgreSQL and RabbitMQ. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecondaryZoneApiIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("central_secondary_zone_it");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add(
        "zonecast.central.pools-file",
        () -> SecondaryZoneApiIT.class.getResource("/test-pools.yaml").getPath());
    // the masters of these tests never answer: each pull fails at once and is not retried
    registry.add("zonecast.central.secondary.pull.soa-timeout", () -> "200ms");
    registry.add("zonecast.central.secondary.pull.first-retry", () -> "1h");
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpNames names;

  ApiClient api;
  String name;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port, "p-" + unique());
    name = "s" + unique() + ".example.";
  }

  static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  ApiClient.Response create(String body) {
    return api.post("/v2/zones", body);
  }

  String createSecondary() {
    ApiClient.Response created =
        create("{\"name\":\"" + name + "\",\"type\":\"SECONDARY\",\"masters\":[\"192.0.2.1\"]}");
    assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
    return created.body().get("id").asString();
  }

  /** The zones a zone_changed event (for the pool manager) was received for. */
  static final Set<String> poolChanges = ConcurrentHashMap.newKeySet();

  static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * Waits for the zone's {@code count}th pull (each fails: no master answers, and the retry is an
   * hour away); the number of pulls so far.
   */
  int pulls(String zoneId, int count) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> attempts(zoneId), n -> n >= count);
  }

  int attempts(String zoneId) {
    return jdbc.queryForObject(
        "select attempts from secondary_zone_refresh where zone_id = ?",
        Integer.class,
        UUID.fromString(zoneId));
  }

  /** Whether a pull of the zone is asked for: its refresh timer is due. */
  boolean pullAskedFor(String zoneId) {
    return jdbc.queryForObject(
        "select next_check_at <= now() + interval '30 minutes' from secondary_zone_refresh"
            + " where zone_id = ?",
        Boolean.class,
        UUID.fromString(zoneId));
  }

  void drain() {
    Message message;
    while ((message = rabbit.receive(names.queue(Messaging.ZONE_CHANGED), 50)) != null) {
      poolChanges.add(JSON.readTree(message.getBody()).get("zone").get("id").asString());
    }
  }

  @Test
  void aSecondaryZoneIsCreatedWithItsMastersAndAskedForButNotSentToThePoolYet() {
    ApiClient.Response created =
        create(
            "{\"name\":\""
                + name
                + "\",\"type\":\"SECONDARY\",\"description\":\"from a registrar\","
                + "\"masters\":[\"192.0.2.1\",\"198.51.100.7:5353\",\"2001:DB8:0:0::1\","
                + "\"[2001:db8::2]:5300\",\"192.0.2.1:53\"]}");

    assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
    JsonNode zone = created.body();
    assertThat(zone.get("type").asString()).isEqualTo("SECONDARY");
    assertThat(strings(zone.get("masters")))
        .containsExactly(
            "192.0.2.1:53", "198.51.100.7:5353", "[2001:db8::1]:53", "[2001:db8::2]:5300");
    assertThat(zone.get("email").asString()).isEqualTo("hostmaster@example.com");
    assertThat(zone.get("serial").asLong()).isEqualTo(1);
    assertThat(zone.get("transferred_at").isNull()).isTrue();
    assertThat(zone.get("status").asString()).isEqualTo("PENDING");
    assertThat(zone.get("action").asString()).isEqualTo("CREATE");
    assertThat(zone.get("description").asString()).isEqualTo("from a registrar");

    String id = zone.get("id").asString();
    assertThat(api.get("/v2/zones/" + id).body().get("masters")).hasSize(4);
    // no records until the first transfer; the masters are asked, the pool manager not yet
    assertThat(api.get("/v2/zones/" + id + "/recordsets").body().get("recordsets")).isEmpty();
    assertThat(pulls(id, 1)).isEqualTo(1);
    assertThat(api.get("/v2/zones/" + id).body().get("status_message").asString())
        .startsWith("no master answered for " + name)
        .contains("192.0.2.1");
    drain();
    assertThat(poolChanges).doesNotContain(id);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from secondary_zone_refresh where zone_id = ?",
                Integer.class,
                UUID.fromString(id)))
        .isEqualTo(1);
  }

  @Test
  void badSecondaryZonesAreRefusedWithDesignatesErrors() {
    assertInvalid(
        create("{\"name\":\"" + name + "\",\"type\":\"SECONDARY\"}"),
        "'masters' is a required property");
    assertInvalid(
        create("{\"name\":\"" + name + "\",\"type\":\"SECONDARY\",\"masters\":[]}"),
        "'masters' is a required property");
    assertInvalid(
        create(
            "{\"name\":\""
                + name
                + "\",\"type\":\"SECONDARY\",\"masters\":[\"192.0.2.1\"],"
                + "\"email\":\"a@example.org\"}"),
        "'email' can't be specified when type is SECONDARY");
    assertInvalid(
        create(
            "{\"name\":\""
                + name
                + "\",\"type\":\"SECONDARY\",\"masters\":[\"192.0.2.1\"],\"ttl\":300}"),
        "'ttl' can't be specified when type is SECONDARY");
    for (String master :
        List.of("ns1.example.org", "192.0.2.1:0", "192.0.2.1:70000", "192.0.2.1:x", "[::1", "")) {
      assertInvalid(
          create(
              "{\"name\":\""
                  + name
                  + "\",\"type\":\"SECONDARY\",\"masters\":[\""
                  + master
                  + "\"]}"),
          "is not a valid master");
    }
    assertInvalid(
        create("{\"name\":\"" + name + "\",\"type\":\"SECONDARY\",\"masters\":\"192.0.2.1\"}"),
        "'masters' must be a list of strings");
    assertInvalid(
        create(
            "{\"name\":\""
                + name
                + "\",\"type\":\"SECONDARY\",\"masters\":[\"primary.example.net:5353\"]}"),
        "host names are not taken");
    assertInvalid(
        create(
            "{\"name\":\"" + name + "\",\"email\":\"a@example.org\",\"masters\":[\"192.0.2.1\"]}"),
        "'masters' has more items than allowed");
    assertInvalid(
        create("{\"name\":\"" + name + "\",\"type\":\"CATALOG\",\"email\":\"a@example.org\"}"),
        "is not one of");
    ApiClient.Response badName =
        create("{\"name\":\"no-dot\",\"type\":\"SECONDARY\",\"masters\":[\"192.0.2.1\"]}");
    assertThat(badName.status()).isEqualTo(400);
    assertThat(badName.body().get("type").asString()).isEqualTo("invalid_zone_name");
    assertThat(api.get("/v2/zones").body().get("zones")).isEmpty();
  }

  @Test
  void patchChangesMastersTtlAndDescriptionButNeverTheSerialOrEmail() {
    String id = createSecondary();
    assertThat(pulls(id, 1)).isEqualTo(1);

    ApiClient.Response patched =
        api.patch(
            "/v2/zones/" + id,
            "{\"masters\":[\"203.0.113.5:5300\"],\"ttl\":600,\"description\":\"moved\"}");
    assertThat(patched.status()).as("%s", patched.body()).isEqualTo(202);
    assertThat(strings(patched.body().get("masters"))).containsExactly("203.0.113.5:5300");
    assertThat(patched.body().get("ttl").asInt()).isEqualTo(600);
    assertThat(patched.body().get("description").asString()).isEqualTo("moved");
    assertThat(patched.body().get("serial").asLong()).isEqualTo(1);
    assertThat(patched.body().get("updated_at").isNull()).isFalse();
    // new masters: asked at once; the same masters again: nothing to pull
    assertThat(pulls(id, 2)).isEqualTo(2);
    assertThat(api.get("/v2/zones/" + id).body().get("status_message").asString())
        .contains("203.0.113.5:5300");
    assertThat(pullAskedFor(id)).isFalse();
    api.patch("/v2/zones/" + id, "{\"masters\":[\"203.0.113.5:5300\"]}");
    assertThat(pullAskedFor(id)).isFalse();
    assertThat(api.post("/v2/zones/" + id + "/tasks/xfr", "").status()).isEqualTo(202);
    assertThat(pulls(id, 3)).isEqualTo(3);
    drain();
    assertThat(poolChanges).doesNotContain(id);

    assertInvalid(
        api.patch("/v2/zones/" + id, "{\"email\":\"x@example.org\"}"),
        "'email' can't be specified when type is SECONDARY");
    assertInvalid(api.patch("/v2/zones/" + id, "{\"masters\":[]}"), "'masters' is a required");
    assertInvalid(api.patch("/v2/zones/" + id, "{\"masters\":[\"bad\"]}"), "not a valid master");
    assertThat(api.patch("/v2/zones/" + id, "{\"type\":\"PRIMARY\"}").status()).isEqualTo(400);
    assertThat(api.get("/v2/zones/" + id).body().get("email").asString())
        .isEqualTo("hostmaster@example.com");
  }

  @Test
  void aPrimaryZoneTakesNoMasters() {
    ApiClient.Response primary = create("{\"name\":\"" + name + "\",\"email\":\"a@example.org\"}");
    String id = primary.body().get("id").asString();
    assertInvalid(
        api.patch("/v2/zones/" + id, "{\"masters\":[\"192.0.2.1\"]}"),
        "'masters' has more items than allowed");
    ApiClient.Response xfr = api.post("/v2/zones/" + id + "/tasks/xfr", "");
    assertThat(xfr.status()).isEqualTo(400);
    assertThat(xfr.body().get("type").asString()).isEqualTo("bad_request");
    assertThat(xfr.body().get("message").asString()).isEqualTo("Can't XFR a non Secondary zone.");
  }

  @Test
  void tasksXfrPullsAgain() {
    String id = createSecondary();
    assertThat(pulls(id, 1)).isEqualTo(1);

    ApiClient.Response xfr = api.post("/v2/zones/" + id + "/tasks/xfr", "");
    assertThat(xfr.status()).isEqualTo(202);
    assertThat(pulls(id, 2)).isEqualTo(2);

    ApiClient other = new ApiClient(port, "someone-else").withHeader("X-Roles", "member");
    assertThat(other.post("/v2/zones/" + id + "/tasks/xfr", "").status()).isEqualTo(404);
    assertThat(api.post("/v2/zones/" + UUID.randomUUID() + "/tasks/xfr", "").status())
        .isEqualTo(404);
  }

  @Test
  void recordsetsOfASecondaryZoneAreReadableAndExportableButNeverWritten() {
    String id = createSecondary();
    UUID zoneId = UUID.fromString(id);
    // what MiniDNS stores after a transfer
    jdbc.update(
        "update zones set serial = 2024010101, transferred_at = now() where id = ?", zoneId);
    UUID soa =
        storeRecordset(
            zoneId,
            name,
            "SOA",
            "ns1.primary.example. admin.primary.example." + " 2024010101 3600 600 86400 300");
    storeRecordset(zoneId, name, "NS", "ns1.primary.example.");
    UUID www = storeRecordset(zoneId, "www." + name, "A", "192.0.2.80");

    JsonNode zone = api.get("/v2/zones/" + id).body();
    assertThat(zone.get("serial").asLong()).isEqualTo(2024010101L);
    assertThat(zone.get("transferred_at").isNull()).isFalse();
    JsonNode list = api.get("/v2/zones/" + id + "/recordsets").body().get("recordsets");
    assertThat(list).hasSize(3);
    JsonNode one = api.get("/v2/zones/" + id + "/recordsets/" + www).body();
    assertThat(strings(one.get("records"))).containsExactly("192.0.2.80");

    assertForbidden(
        api.post(
            "/v2/zones/" + id + "/recordsets",
            "{\"name\":\"mail." + name + "\",\"type\":\"A\",\"records\":[\"192.0.2.25\"]}"),
        "create_recordset");
    assertForbidden(
        api.put("/v2/zones/" + id + "/recordsets/" + www, "{\"records\":[\"192.0.2.81\"]}"),
        "update_recordset");
    assertForbidden(api.delete("/v2/zones/" + id + "/recordsets/" + www), "delete_recordset");
    assertForbidden(
        api.put("/v2/zones/" + id + "/recordsets/" + soa, "{\"ttl\":5}"), "update_recordset");
    assertThat(strings(api.get("/v2/zones/" + id + "/recordsets/" + www).body().get("records")))
        .containsExactly("192.0.2.80");
    assertThat(api.get("/v2/zones/" + id).body().get("serial").asLong()).isEqualTo(2024010101L);

    JsonNode export = api.post("/v2/zones/" + id + "/tasks/export", "").body();
    String task = "/v2/zones/tasks/exports/" + export.get("id").asString();
    JsonNode done =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> api.get(task).body(), t -> !t.get("status").asString().equals("PENDING"));
    assertThat(done.get("status").asString()).as("%s", done).isEqualTo("COMPLETE");
    String file = api.text(task + "/export");
    assertThat(file).contains("2024010101").contains("192.0.2.80").contains("www." + name);
  }

  @Test
  void theTypeFilterListsEachKind() {
    String secondary = createSecondary();
    String primary =
        create("{\"name\":\"p" + name + "\",\"email\":\"a@example.org\"}")
            .body()
            .get("id")
            .asString();

    assertThat(ids(api.get("/v2/zones?type=SECONDARY").body())).containsExactly(secondary);
    assertThat(ids(api.get("/v2/zones?type=secondary").body())).containsExactly(secondary);
    assertThat(ids(api.get("/v2/zones?type=PRIMARY").body())).containsExactly(primary);
    assertThat(ids(api.get("/v2/zones").body())).containsExactlyInAnyOrder(primary, secondary);
  }

  UUID storeRecordset(UUID zoneId, String owner, String type, String data) {
    UUID recordset = UUID.randomUUID();
    jdbc.update(
        "insert into recordsets (id, zone_id, project_id, name, type, ttl, status, action,"
            + " serial, created_at) select ?, id, project_id, ?, ?, 300, 'ACTIVE', 'NONE', serial,"
            + " now() from zones where id = ?",
        recordset,
        owner,
        type,
        zoneId);
    jdbc.update(
        "insert into records (id, recordset_id, zone_id, data) values (?, ?, ?, ?)",
        UUID.randomUUID(),
        recordset,
        zoneId,
        data);
    return recordset;
  }

  static void assertInvalid(ApiClient.Response response, String message) {
    assertThat(response.status()).as("%s", response.body()).isEqualTo(400);
    assertThat(response.body().get("type").asString()).isEqualTo("invalid_object");
    assertThat(response.body().get("message").asString()).contains(message);
  }

  static void assertForbidden(ApiClient.Response response, String action) {
    assertThat(response.status()).as("%s", response.body()).isEqualTo(403);
    assertThat(response.body().get("type").asString()).isEqualTo("forbidden");
    assertThat(response.body().get("message").asString())
        .contains("Policy doesn't allow " + action)
        .contains("SECONDARY");
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }

  static List<String> ids(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.get("zones").forEach(z -> out.add(z.get("id").asString()));
    return out;
  }
}
