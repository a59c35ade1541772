package io.zonecast.central.tsigkey;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.model.pool.Pool;
import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.TestInfrastructure;
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

/** /v2/tsigkeys against a real PostgreSQL: Designate's fields, validation, errors and policy. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TsigKeyApiIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("central_tsigkey_it");
  static final String POOL = Pool.DEFAULT_POOL_ID.toString();
  static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQ=";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add(
        "zonecast.central.pools-file",
        () -> TsigKeyApiIT.class.getResource("/test-pools.yaml").getPath());
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  ApiClient admin;
  ApiClient user;

  @BeforeEach
  void clients() {
    admin = new ApiClient(port, "admin-project").withHeader("X-Roles", "admin");
    user = new ApiClient(port, "project-a").withHeader("X-Roles", "member");
  }

  static String key(String name, String algorithm, String secret, String scope, String resource) {
    return "{\"name\":\""
        + name
        + "\",\"algorithm\":\""
        + algorithm
        + "\",\"secret\":\""
        + secret
        + "\",\"scope\":\""
        + scope
        + "\",\"resource_id\":\""
        + resource
        + "\"}";
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void anAdminCreatesShowsListsUpdatesAndDeletesAKey() {
    String name = unique("pool-key");
    ApiClient.Response created =
        admin.post("/v2/tsigkeys", key(name, "hmac-sha256", SECRET, "POOL", POOL));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    JsonNode body = created.body();
    String id = body.get("id").asString();
    assertThat(body.get("name").asString()).isEqualTo(name);
    assertThat(body.get("algorithm").asString()).isEqualTo("hmac-sha256");
    assertThat(body.get("secret").asString()).isEqualTo(SECRET);
    assertThat(body.get("scope").asString()).isEqualTo("POOL");
    assertThat(body.get("resource_id").asString()).isEqualTo(POOL);
    assertThat(body.get("created_at").asString()).isNotBlank();
    assertThat(body.get("updated_at").isNull()).isTrue();
    assertThat(body.get("links").get("self").asString()).endsWith("/v2/tsigkeys/" + id);
    assertThat(created.header("Location")).endsWith("/v2/tsigkeys/" + id);
    assertThat(
            jdbc.queryForObject("select secret from tsigkeys where id = ?::uuid", String.class, id))
        .isEqualTo(SECRET);

    assertThat(admin.get("/v2/tsigkeys/" + id).body().get("name").asString()).isEqualTo(name);
    assertThat(names(admin.get("/v2/tsigkeys?name=" + name))).containsExactly(name);
    assertThat(names(admin.get("/v2/tsigkeys?name=pool-key*&algorithm=hmac-sha256&scope=POOL")))
        .contains(name);
    assertThat(names(admin.get("/v2/tsigkeys?name=" + name + "&scope=ZONE"))).isEmpty();

    ApiClient.Response updated =
        admin.patch("/v2/tsigkeys/" + id, "{\"algorithm\":\"hmac-sha512\",\"secret\":\"AAEC\"}");
    assertThat(updated.status()).as("%s", updated.body()).isEqualTo(200);
    assertThat(updated.body().get("algorithm").asString()).isEqualTo("hmac-sha512");
    assertThat(updated.body().get("secret").asString()).isEqualTo("AAEC");
    assertThat(updated.body().get("name").asString()).isEqualTo(name);
    assertThat(updated.body().get("updated_at").asString()).isNotBlank();

    assertThat(admin.delete("/v2/tsigkeys/" + id).status()).isEqualTo(204);
    assertError(admin.get("/v2/tsigkeys/" + id), 404, "tsigkey_not_found");
    assertError(admin.delete("/v2/tsigkeys/" + id), 404, "tsigkey_not_found");
  }

  @Test
  void aZoneKeyNeedsAnExistingZone() {
    ApiClient.Response zone =
        user.post(
            "/v2/zones",
            "{\"name\":\"" + unique("tsig") + ".example.org.\",\"email\":\"h@example.org\"}");
    assertThat(zone.status()).as("%s", zone.body()).isEqualTo(202);
    String zoneId = zone.body().get("id").asString();

    ApiClient.Response created =
        admin.post("/v2/tsigkeys", key(unique("zone-key"), "hmac-md5", SECRET, "ZONE", zoneId));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    assertThat(created.body().get("scope").asString()).isEqualTo("ZONE");

    assertError(
        admin.post(
            "/v2/tsigkeys",
            key(unique("zone-key"), "hmac-sha1", SECRET, "ZONE", UUID.randomUUID().toString())),
        400,
        "invalid_tsigkey");
    assertError(
        admin.post("/v2/tsigkeys", key(unique("zone-key"), "hmac-sha1", SECRET, "ZONE", POOL)),
        400,
        "invalid_tsigkey");
    assertError(
        admin.post("/v2/tsigkeys", key(unique("pool-key"), "hmac-sha1", SECRET, "POOL", zoneId)),
        400,
        "invalid_tsigkey");
    assertError(
        admin.patch(
            "/v2/tsigkeys/" + created.body().get("id").asString(),
            "{\"resource_id\":\"" + UUID.randomUUID() + "\"}"),
        400,
        "invalid_tsigkey");
  }

  @Test
  void invalidKeysAreRefusedWithDesignatesErrors() {
    String name = unique("checked");
    assertError(
        admin.post("/v2/tsigkeys", key(name, "hmac-sha3", SECRET, "POOL", POOL)),
        400,
        "invalid_object");
    assertError(
        admin.post("/v2/tsigkeys", key(name, "hmac-sha256", "not base64!", "POOL", POOL)),
        400,
        "invalid_object");
    assertError(
        admin.post("/v2/tsigkeys", key(name, "hmac-sha256", "", "POOL", POOL)),
        400,
        "invalid_object");
    assertError(
        admin.post("/v2/tsigkeys", key(name, "hmac-sha256", SECRET, "PROJECT", POOL)),
        400,
        "invalid_object");
    assertError(
        admin.post("/v2/tsigkeys", key(name, "hmac-sha256", SECRET, "POOL", "pool-1")),
        400,
        "invalid_object");
    assertError(
        admin.post("/v2/tsigkeys", key("x".repeat(161), "hmac-sha256", SECRET, "POOL", POOL)),
        400,
        "invalid_object");
    assertError(
        admin.post("/v2/tsigkeys", "{\"name\":\"" + name + "\",\"algorithm\":\"hmac-sha256\"}"),
        400,
        "invalid_object");
    assertError(
        admin.post("/v2/tsigkeys", "{\"name\":\"" + name + "\",\"colour\":\"blue\"}"),
        400,
        "invalid_object");
    assertThat(names(admin.get("/v2/tsigkeys?name=" + name))).isEmpty();

    assertThat(admin.post("/v2/tsigkeys", key(name, "hmac-sha224", SECRET, "POOL", POOL)).status())
        .isEqualTo(201);
    assertError(
        admin.post("/v2/tsigkeys", key(name, "hmac-sha384", SECRET, "POOL", POOL)),
        409,
        "duplicate_tsigkey");
    String other =
        admin
            .post("/v2/tsigkeys", key(unique("other"), "hmac-sha384", SECRET, "POOL", POOL))
            .body()
            .get("id")
            .asString();
    assertError(
        admin.patch("/v2/tsigkeys/" + other, "{\"name\":\"" + name + "\"}"),
        409,
        "duplicate_tsigkey");
  }

  @Test
  void onlyAdminsMayTouchKeys() {
    String id =
        admin
            .post("/v2/tsigkeys", key(unique("admin-only"), "hmac-sha256", SECRET, "POOL", POOL))
            .body()
            .get("id")
            .asString();
    assertError(
        user.post("/v2/tsigkeys", key(unique("mine"), "hmac-sha256", SECRET, "POOL", POOL)),
        403,
        "forbidden");
    assertError(user.get("/v2/tsigkeys"), 403, "forbidden");
    assertError(user.get("/v2/tsigkeys/" + id), 403, "forbidden");
    assertError(user.patch("/v2/tsigkeys/" + id, "{\"secret\":\"AAEC\"}"), 403, "forbidden");
    assertError(user.delete("/v2/tsigkeys/" + id), 403, "forbidden");
    assertThat(admin.get("/v2/tsigkeys/" + id).body().get("secret").asString()).isEqualTo(SECRET);
  }

  @Test
  void listsPageAndSortByName() {
    String prefix = unique("paged");
    for (String suffix : List.of("c", "a", "b")) {
      assertThat(
              admin
                  .post("/v2/tsigkeys", key(prefix + suffix, "hmac-sha256", SECRET, "POOL", POOL))
                  .status())
          .isEqualTo(201);
    }
    List<String> seen = new ArrayList<>();
    String next = "/v2/tsigkeys?name=" + prefix + "*&sort_key=name&sort_dir=desc&limit=2";
    while (next != null) {
      JsonNode page = admin.get(next).body();
      seen.addAll(names(page));
      JsonNode link = page.get("links").get("next");
      next =
          link == null || link.isNull()
              ? null
              : link.asString().substring(link.asString().indexOf("/v2/"));
    }
    assertThat(seen).containsExactly(prefix + "c", prefix + "b", prefix + "a");
  }

  @Test
  void bodiesListsAndErrorsAreWordForWordDesignates() {
    String name = unique("words");
    ApiClient.Response created =
        admin.post("/v2/tsigkeys", key(name, "hmac-sha512", SECRET, "POOL", POOL));
    String id = created.body().get("id").asString();
    assertThat(created.body().propertyNames())
        .containsExactly(
            "id",
            "name",
            "algorithm",
            "secret",
            "scope",
            "resource_id",
            "created_at",
            "updated_at",
            "links");
    assertThat(created.body().get("links").get("self").asString())
        .isEqualTo(created.header("Location"))
        .endsWith("/v2/tsigkeys/" + id);

    JsonNode page = admin.get("/v2/tsigkeys?name=" + name).body();
    assertThat(page.propertyNames()).containsExactly("tsigkeys", "links", "metadata");
    assertThat(page.get("links").get("self").asString()).endsWith("/v2/tsigkeys?name=" + name);
    assertThat(page.get("metadata").get("total_count").asInt()).isEqualTo(1);

    assertMessage(
        admin.post("/v2/tsigkeys", key(name, "hmac-sha256", SECRET, "POOL", POOL)),
        "TsigKey " + name + " already exists");
    UUID missing = UUID.randomUUID();
    assertMessage(admin.get("/v2/tsigkeys/" + missing), "Could not find TsigKey " + missing);
    assertMessage(user.get("/v2/tsigkeys"), "Only the admin role may list tsigkeys");
    assertMessage(user.get("/v2/tsigkeys/" + id), "Only the admin role may read tsigkeys");
    assertMessage(user.delete("/v2/tsigkeys/" + id), "Only the admin role may delete tsigkeys");
    assertMessage(
        user.patch("/v2/tsigkeys/" + id, "{}"), "Only the admin role may change tsigkeys");
  }

  private static void assertMessage(ApiClient.Response response, String message) {
    assertThat(response.body().get("message").asString())
        .as("%s: %s", response.status(), response.body())
        .isEqualTo(message);
  }

  private static List<String> names(ApiClient.Response response) {
    assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
    return names(response.body());
  }

  private static List<String> names(JsonNode page) {
    List<String> names = new ArrayList<>();
    page.get("tsigkeys").forEach(key -> names.add(key.get("name").asString()));
    return names;
  }

  private static void assertError(ApiClient.Response response, int status, String type) {
    assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
    assertThat(response.body().get("code").asInt()).isEqualTo(status);
    assertThat(response.body().get("type").asString()).isEqualTo(type);
    assertThat(response.body().get("message").asString()).isNotBlank();
  }
}
