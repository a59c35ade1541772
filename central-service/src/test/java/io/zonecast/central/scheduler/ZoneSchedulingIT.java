package io.zonecast.central.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.model.pool.Pool;
import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creating zones with a pools file of two pools, against a real PostgreSQL: the scheduler's default
 * filters place each zone by its attributes, and the zone's pool decides its NS records and SOA.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ZoneSchedulingIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("scheduling_it");
  static final String STANDARD = Pool.DEFAULT_POOL_ID.toString();
  static final String GOLD = "6c346011-e581-429b-a7a2-6cdf0aba91c3";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add("server.address", () -> "127.0.0.1");
    registry.add(
        "zonecast.central.pools-file",
        () -> ZoneSchedulingIT.class.getResource("/test-two-pools.yaml").getPath());
    registry.add("zonecast.central.quotas.zones", () -> "-1");
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  ApiClient member;
  ApiClient admin;

  @BeforeEach
  void setUp() {
    String project = "p-" + UUID.randomUUID().toString().substring(0, 8);
    member = new ApiClient(port, project).withHeader("X-Roles", "member");
    admin = new ApiClient(port, project).withHeader("X-Roles", "admin");
  }

  static String newZoneName() {
    return "z" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
  }

  static String body(String name, String attributes) {
    return "{\"name\":\""
        + name
        + "\",\"email\":\"hostmaster@example.org\""
        + (attributes == null ? "" : ",\"attributes\":" + attributes)
        + "}";
  }

  @Test
  void aZoneWithTheGoldPoolsAttributesGoesToTheGoldPool() {
    String name = newZoneName();
    ApiClient.Response created =
        member.post("/v2/zones", body(name, "{\"tier\":\"gold\",\"fast_ttl\":\"yes\"}"));

    assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
    assertThat(created.body().get("pool_id").asString()).isEqualTo(GOLD);
    assertThat(created.body().get("attributes").get("tier").asString()).isEqualTo("gold");
    assertThat(created.body().get("attributes").get("fast_ttl").asString()).isEqualTo("yes");
    String id = created.body().get("id").asString();

    JsonNode read = member.get("/v2/zones/" + id).body();
    assertThat(read.get("pool_id").asString()).isEqualTo(GOLD);
    assertThat(read.get("attributes").properties()).hasSize(2);
    assertThat(records(id, "NS")).containsExactlyInAnyOrder("ns1.gold.test.", "ns2.gold.test.");
    assertThat(records(id, "SOA").getFirst()).startsWith("ns1.gold.test. ");
    assertThat(nameservers(id)).containsExactly("ns1.gold.test.", "ns2.gold.test.");
    assertThat(
            jdbc.queryForObject(
                "select attributes ->> 'tier' from zones where id = ?::uuid", String.class, id))
        .isEqualTo("gold");
  }

  @Test
  void aZoneWithoutAttributesGoesToTheDefaultPool() {
    ApiClient.Response created = member.post("/v2/zones", body(newZoneName(), null));

    assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
    assertThat(created.body().get("pool_id").asString()).isEqualTo(STANDARD);
    assertThat(created.body().get("attributes").isObject()).isTrue();
    assertThat(created.body().get("attributes").isEmpty()).isTrue();
    String id = created.body().get("id").asString();
    assertThat(records(id, "NS")).containsExactly("ns1.standard.test.");
    assertThat(nameservers(id)).containsExactly("ns1.standard.test.");
  }

  @Test
  void anAdminsPoolIdAttributeChoosesThePool() {
    ApiClient.Response forced =
        admin.post("/v2/zones", body(newZoneName(), "{\"pool_id\":\"" + GOLD + "\"}"));

    assertThat(forced.status()).as("%s", forced.body()).isEqualTo(202);
    assertThat(forced.body().get("pool_id").asString()).isEqualTo(GOLD);
    assertThat(forced.body().get("attributes").get("pool_id").asString()).isEqualTo(GOLD);
  }

  @Test
  void aMemberMayNotChooseThePool() {
    String name = newZoneName();
    ApiClient.Response refused =
        member.post("/v2/zones", body(name, "{\"pool_id\":\"" + GOLD + "\"}"));

    assertError(refused, 403, "forbidden", "pool_id");
    assertThat(member.get("/v2/zones?name=" + name).body().get("zones")).isEmpty();
  }

  @Test
  void attributesNoPoolHasAreNoValidPoolFound() {
    ApiClient.Response refused =
        member.post("/v2/zones", body(newZoneName(), "{\"tier\":\"platinum\"}"));

    assertError(refused, 404, "no_valid_pool_found", "platinum");
    assertError(
        admin.post(
            "/v2/zones",
            body(newZoneName(), "{\"pool_id\":\"00000000-0000-0000-0000-000000000001\"}")),
        404,
        "no_valid_pool_found",
        "pools");
  }

  @Test
  void attributesThatAreNotAnObjectOfStringsAreRejected() {
    assertError(
        member.post("/v2/zones", body(newZoneName(), "[\"gold\"]")),
        400,
        "invalid_object",
        "'attributes' must be an object");
    assertError(
        member.post("/v2/zones", body(newZoneName(), "{\"tier\":1}")),
        400,
        "invalid_object",
        "attribute 'tier' must be a string");
    assertError(
        member.post("/v2/zones", body(newZoneName(), "{\"tier\":{\"level\":\"gold\"}}")),
        400,
        "invalid_object",
        "attribute 'tier' must be a string");
    assertError(
        member.post("/v2/zones", body(newZoneName(), "{\"tier\":\"" + "g".repeat(51) + "\"}")),
        400,
        "invalid_object",
        "longer than 50");
    assertError(
        admin.post("/v2/zones", body(newZoneName(), "{\"pool_id\":\"gold\"}")),
        400,
        "invalid_object",
        "UUID");
    assertThat(member.get("/v2/zones").body().get("zones")).isEmpty();
  }

  @Test
  void attributesCannotChange() {
    String id =
        member
            .post("/v2/zones", body(newZoneName(), "{\"tier\":\"gold\"}"))
            .body()
            .get("id")
            .asString();

    assertError(
        member.patch("/v2/zones/" + id, "{\"attributes\":{\"tier\":\"standard\"}}"),
        400,
        "invalid_object",
        "attributes");
    assertError(
        member.patch("/v2/zones/" + id, "{\"pool_id\":\"" + STANDARD + "\"}"),
        400,
        "bad_request",
        "pool_id");
  }

  @Test
  void theZoneListFiltersByPool() {
    String gold =
        member
            .post("/v2/zones", body(newZoneName(), "{\"tier\":\"gold\"}"))
            .body()
            .get("id")
            .asString();
    String standard =
        member.post("/v2/zones", body(newZoneName(), null)).body().get("id").asString();

    assertThat(ids(member.get("/v2/zones?pool_id=" + GOLD).body())).containsExactly(gold);
    assertThat(ids(member.get("/v2/zones?pool_id=" + STANDARD.toUpperCase()).body()))
        .containsExactly(standard);
    assertThat(
            member
                .get("/v2/zones?pool_id=" + GOLD)
                .body()
                .get("metadata")
                .get("total_count")
                .asLong())
        .isEqualTo(1);
  }

  @Test
  void aNameIsOneZoneAcrossThePools() {
    String name = newZoneName();
    assertThat(member.post("/v2/zones", body(name, "{\"tier\":\"gold\"}")).status()).isEqualTo(202);

    assertError(member.post("/v2/zones", body(name, null)), 409, "duplicate_zone", name);
    ApiClient other =
        new ApiClient(port, "other-" + UUID.randomUUID()).withHeader("X-Roles", "member");
    assertError(
        other.post("/v2/zones", body("sub." + name, null)), 403, "illegal_child", "subzone");
  }

  @Test
  void anImportWithAttributesGoesToTheirPool() {
    String name = newZoneName();
    String zoneFile =
        "$ORIGIN " + name + "\n$TTL 300\n@ IN SOA ns1 h 1 3600 600 86400 300\nwww IN A 192.0.2.1\n";
    ApiClient.Response started =
        member.post(
            "/v2/zones/tasks/imports",
            "{\"zonefile\":"
                + JSON.writeValueAsString(zoneFile)
                + ",\"attributes\":{\"tier\":\"gold\"}}");
    assertThat(started.status()).as("%s", started.body()).isEqualTo(202);
    String task = started.body().get("id").asString();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() ->
            assertThat(
                    member.get("/v2/zones/tasks/imports/" + task).body().get("status").asString())
                .isEqualTo("COMPLETE"));
    String id = member.get("/v2/zones/tasks/imports/" + task).body().get("zone_id").asString();
    JsonNode zone = member.get("/v2/zones/" + id).body();
    assertThat(zone.get("pool_id").asString()).isEqualTo(GOLD);
    assertThat(zone.get("attributes").get("tier").asString()).isEqualTo("gold");
    assertThat(records(id, "NS")).containsExactlyInAnyOrder("ns1.gold.test.", "ns2.gold.test.");
  }

  @Test
  void anImportWhoseAttributesFitNoPoolFailsAtOnce() {
    String zoneFile = "$ORIGIN " + newZoneName() + "\n@ 300 IN SOA ns1 h 1 3600 600 86400 300\n";
    String file = JSON.writeValueAsString(zoneFile);

    assertError(
        member.post(
            "/v2/zones/tasks/imports",
            "{\"zonefile\":" + file + ",\"attributes\":{\"tier\":\"platinum\"}}"),
        404,
        "no_valid_pool_found",
        "platinum");
    assertError(
        member.post(
            "/v2/zones/tasks/imports", "{\"zonefile\":" + file + ",\"attributes\":[\"gold\"]}"),
        400,
        "invalid_object",
        "'attributes' must be an object");
    assertThat(member.get("/v2/zones/tasks/imports").body().get("imports")).isEmpty();
  }

  private List<String> records(String zoneId, String type) {
    JsonNode recordsets = member.get("/v2/zones/" + zoneId + "/recordsets?type=" + type).body();
    List<String> records = new ArrayList<>();
    recordsets
        .get("recordsets")
        .forEach(r -> r.get("records").forEach(v -> records.add(v.asString())));
    return records;
  }

  private List<String> nameservers(String zoneId) {
    List<String> names = new ArrayList<>();
    member
        .get("/v2/zones/" + zoneId + "/nameservers")
        .body()
        .get("nameservers")
        .forEach(ns -> names.add(ns.get("hostname").asString()));
    return names;
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.get("zones").forEach(z -> ids.add(z.get("id").asString()));
    return ids;
  }

  private static void assertError(
      ApiClient.Response response, int status, String type, String text) {
    assertThat(response.status()).as("%s", response.body()).isEqualTo(status);
    assertThat(response.body().get("code").asInt()).isEqualTo(status);
    assertThat(response.body().get("type").asString()).isEqualTo(type);
    assertThat(response.body().get("message").asString()).contains(text);
  }
}
