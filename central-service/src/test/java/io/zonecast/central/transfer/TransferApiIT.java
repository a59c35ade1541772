package io.zonecast.central.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.TestInfrastructure;
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

/**
 * Zone ownership transfers against a real PostgreSQL: Designate's transfer requests and accepts,
 * their fields, errors and policies, and that an accept moves the zone and its recordsets at once
 * or not at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TransferApiIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("central_transfer_it");
  static final String REQUESTS = "/v2/zones/tasks/transfer_requests";
  static final String ACCEPTS = "/v2/zones/tasks/transfer_accepts";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add(
        "zonecast.central.pools-file",
        () -> TransferApiIT.class.getResource("/test-pools.yaml").getPath());
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  String a;
  String b;
  String c;
  ApiClient owner;
  ApiClient target;
  ApiClient third;
  ApiClient admin;

  @BeforeEach
  void clients() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    a = "project-a-" + run;
    b = "project-b-" + run;
    c = "project-c-" + run;
    owner = new ApiClient(port, a).withHeader("X-Roles", "member");
    target = new ApiClient(port, b).withHeader("X-Roles", "member");
    third = new ApiClient(port, c).withHeader("X-Roles", "member");
    admin = new ApiClient(port, "admin-project").withHeader("X-Roles", "admin");
  }

  String zone(ApiClient client) {
    String name = "t-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
    ApiClient.Response zone =
        client.post("/v2/zones", "{\"name\":\"" + name + "\",\"email\":\"h@example.org\"}");
    assertThat(zone.status()).as("%s", zone.body()).isEqualTo(202);
    return zone.body().get("id").asString();
  }

  JsonNode request(ApiClient client, String zoneId, String body) {
    ApiClient.Response created =
        client.post("/v2/zones/" + zoneId + "/tasks/transfer_requests", body);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return created.body();
  }

  static void assertError(ApiClient.Response response, int status, String type) {
    assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
    assertThat(response.body().get("code").asInt()).isEqualTo(status);
    assertThat(response.body().get("type").asString()).isEqualTo(type);
    assertThat(response.body().get("message").asString()).isNotBlank();
    assertThat(response.body().get("request_id").asString()).startsWith("req-");
  }

  static String accept(String requestId, String key) {
    return "{\"zone_transfer_request_id\":\"" + requestId + "\",\"key\":\"" + key + "\"}";
  }

  List<String> ids(ApiClient.Response list, String collection) {
    assertThat(list.status()).as("%s", list.body()).isEqualTo(200);
    return list.body().get(collection).valueStream().map(r -> r.get("id").asString()).toList();
  }

  @Test
  void theTargetAcceptsAndTheZoneAndItsRecordsetsChangeOwnerWithoutANewSerial() {
    String zoneId = zone(owner);
    ApiClient.Response rs =
        owner.post(
            "/v2/zones/" + zoneId + "/recordsets",
            "{\"name\":\"www."
                + owner.get("/v2/zones/" + zoneId).body().get("name").asString()
                + "\",\"type\":\"A\",\"records\":[\"192.0.2.1\"]}");
    assertThat(rs.status()).as("%s", rs.body()).isEqualTo(202);
    long serial = owner.get("/v2/zones/" + zoneId).body().get("serial").asLong();

    ApiClient.Response created =
        owner.post(
            "/v2/zones/" + zoneId + "/tasks/transfer_requests",
            "{\"target_project_id\":\"" + b + "\",\"description\":\"to b\"}");
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    JsonNode request = created.body();
    String id = request.get("id").asString();
    String key = request.get("key").asString();
    assertThat(key).matches("[A-Z0-9]{8}");
    assertThat(request.get("project_id").asString()).isEqualTo(a);
    assertThat(request.get("target_project_id").asString()).isEqualTo(b);
    assertThat(request.get("zone_id").asString()).isEqualTo(zoneId);
    assertThat(request.get("zone_name").asString()).endsWith(".example.org.");
    assertThat(request.get("status").asString()).isEqualTo("ACTIVE");
    assertThat(request.get("description").asString()).isEqualTo("to b");
    assertThat(request.get("created_at").asString()).isNotBlank();
    assertThat(request.get("updated_at").isNull()).isTrue();
    assertThat(request.get("links").get("self").asString()).endsWith(REQUESTS + "/" + id);
    assertThat(created.header("Location")).endsWith(REQUESTS + "/" + id);

    // the target sees it, with the key; the owner too; another project does not
    assertThat(ids(target.get(REQUESTS), "transfer_requests")).containsExactly(id);
    assertThat(ids(owner.get(REQUESTS), "transfer_requests")).containsExactly(id);
    assertThat(ids(third.get(REQUESTS), "transfer_requests")).isEmpty();
    assertThat(target.get(REQUESTS + "/" + id).body().get("key").asString()).isEqualTo(key);
    assertError(third.get(REQUESTS + "/" + id), 404, "zone_transfer_request_not_found");
    assertThat(ids(target.get(REQUESTS + "?status=ACTIVE"), "transfer_requests"))
        .containsExactly(id);
    assertThat(ids(target.get(REQUESTS + "?status=COMPLETE"), "transfer_requests")).isEmpty();

    ApiClient.Response accepted = target.post(ACCEPTS, accept(id, key));
    assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(201);
    JsonNode accept = accepted.body();
    String acceptId = accept.get("id").asString();
    assertThat(accept.get("status").asString()).isEqualTo("COMPLETE");
    assertThat(accept.get("project_id").asString()).isEqualTo(b);
    assertThat(accept.get("zone_id").asString()).isEqualTo(zoneId);
    assertThat(accept.get("zone_transfer_request_id").asString()).isEqualTo(id);
    assertThat(accept.get("key").asString()).isEqualTo(key);
    assertThat(accept.get("links").get("self").asString()).endsWith(ACCEPTS + "/" + acceptId);
    assertThat(accept.get("links").get("zone").asString()).endsWith("/v2/zones/" + zoneId);
    assertThat(accepted.header("Location")).endsWith(ACCEPTS + "/" + acceptId);

    JsonNode zone = target.get("/v2/zones/" + zoneId).body();
    assertThat(zone.get("project_id").asString()).isEqualTo(b);
    assertThat(zone.get("serial").asLong()).isEqualTo(serial);
    assertError(owner.get("/v2/zones/" + zoneId), 404, "zone_not_found");
    assertThat(
            jdbc.queryForList(
                "select distinct project_id from recordsets where zone_id = ?::uuid",
                String.class,
                zoneId))
        .containsExactly(b);
    assertThat(
            target
                .get("/v2/zones/" + zoneId + "/recordsets")
                .body()
                .get("recordsets")
                .valueStream()
                .map(r -> r.get("project_id").asString()))
        .containsOnly(b)
        .hasSize(3);
    assertThat(target.get(REQUESTS + "/" + id).body().get("status").asString())
        .isEqualTo("COMPLETE");
    assertThat(target.get(ACCEPTS + "/" + acceptId).body()).isEqualTo(accept);
    assertError(owner.get(ACCEPTS + "/" + acceptId), 404, "zone_transfer_accept_not_found");

    // used: Designate's InvaildZoneTransfer
    ApiClient.Response again = target.post(ACCEPTS, accept(id, key));
    assertError(again, 400, "invalid_zone_transfer_request");
    assertThat(again.body().get("message").asString()).contains("has been used");
  }

  @Test
  void aWrongKeyAForeignProjectOrTheOwnerIsRefusedAndNothingMoves() {
    String zoneId = zone(owner);
    JsonNode request = request(owner, zoneId, "{\"target_project_id\":\"" + b + "\"}");
    String id = request.get("id").asString();
    String key = request.get("key").asString();

    ApiClient.Response wrongKey = target.post(ACCEPTS, accept(id, "WRONGKEY"));
    assertError(wrongKey, 403, "invalid_key");
    assertError(third.post(ACCEPTS, accept(id, key)), 404, "zone_transfer_request_not_found");
    // the owner may see the request but it is addressed to b (RULE_ZONE_TRANSFER)
    assertError(owner.post(ACCEPTS, accept(id, key)), 403, "forbidden");
    assertError(
        target.post(ACCEPTS, accept(UUID.randomUUID().toString(), key)),
        404,
        "zone_transfer_request_not_found");

    assertThat(owner.get("/v2/zones/" + zoneId).body().get("project_id").asString()).isEqualTo(a);
    assertThat(target.get(REQUESTS + "/" + id).body().get("status").asString()).isEqualTo("ACTIVE");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from zone_transfer_accepts where zone_id = ?::uuid",
                Long.class,
                zoneId))
        .isZero();

    // a deleted request can no longer be accepted
    assertThat(owner.delete(REQUESTS + "/" + id).status()).isEqualTo(204);
    assertError(target.post(ACCEPTS, accept(id, key)), 404, "zone_transfer_request_not_found");
    assertThat(owner.get("/v2/zones/" + zoneId).body().get("project_id").asString()).isEqualTo(a);
  }

  @Test
  void aRequestWithoutTargetIsReadByIdWithoutItsKeyAndAcceptedByAnyoneWithTheKey() {
    String zoneId = zone(owner);
    ApiClient.Response created =
        owner.post("/v2/zones/" + zoneId + "/tasks/transfer_requests", "", "application/json");
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    String id = created.body().get("id").asString();
    String key = created.body().get("key").asString();
    assertThat(created.body().get("target_project_id").isNull()).isTrue();

    JsonNode seen = third.get(REQUESTS + "/" + id).body();
    assertThat(seen.propertyNames())
        .containsExactlyInAnyOrder("id", "zone_id", "zone_name", "status", "description", "links");
    assertThat(ids(third.get(REQUESTS), "transfer_requests")).doesNotContain(id);

    ApiClient.Response accepted = third.post(ACCEPTS, accept(id, key));
    assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(201);
    assertThat(third.get("/v2/zones/" + zoneId).body().get("project_id").asString()).isEqualTo(c);
  }

  @Test
  void onlyTheDescriptionChangesAndOnlyTheOwnerChangesOrDeletes() {
    String zoneId = zone(owner);
    String id =
        request(owner, zoneId, "{\"target_project_id\":\"" + b + "\"}").get("id").asString();

    ApiClient.Response updated = owner.patch(REQUESTS + "/" + id, "{\"description\":\"new\"}");
    assertThat(updated.status()).as("%s", updated.body()).isEqualTo(200);
    assertThat(updated.body().get("description").asString()).isEqualTo("new");
    assertThat(updated.body().get("updated_at").asString()).isNotBlank();
    assertThat(
            owner
                .patch(REQUESTS + "/" + id, "{\"description\":null}")
                .body()
                .get("description")
                .isNull())
        .isTrue();
    // the same target again is no change; another one is
    assertThat(owner.patch(REQUESTS + "/" + id, "{\"target_project_id\":\"" + b + "\"}").status())
        .isEqualTo(200);
    assertError(
        owner.patch(REQUESTS + "/" + id, "{\"target_project_id\":\"" + c + "\"}"),
        400,
        "invalid_object");
    assertError(owner.patch(REQUESTS + "/" + id, "{\"key\":\"AAAAAAAA\"}"), 400, "invalid_object");
    assertError(owner.patch(REQUESTS + "/" + id, "{\"colour\":\"red\"}"), 400, "invalid_object");
    assertError(
        owner.patch(REQUESTS + "/" + id, "{\"description\":\"" + "x".repeat(161) + "\"}"),
        400,
        "invalid_object");

    assertError(target.patch(REQUESTS + "/" + id, "{\"description\":\"mine\"}"), 403, "forbidden");
    assertError(target.delete(REQUESTS + "/" + id), 403, "forbidden");
    assertError(
        third.patch(REQUESTS + "/" + id, "{\"description\":\"mine\"}"),
        404,
        "zone_transfer_request_not_found");
    assertError(third.delete(REQUESTS + "/" + id), 404, "zone_transfer_request_not_found");

    assertThat(owner.delete(REQUESTS + "/" + id).status()).isEqualTo(204);
    assertError(owner.get(REQUESTS + "/" + id), 404, "zone_transfer_request_not_found");
    assertError(owner.delete(REQUESTS + "/" + id), 404, "zone_transfer_request_not_found");
  }

  @Test
  void badRequestsGetDesignatesErrors() {
    String zoneId = zone(owner);
    String path = "/v2/zones/" + zoneId + "/tasks/transfer_requests";
    assertError(
        owner.post(path, "{\"description\":\"" + "x".repeat(161) + "\"}"), 400, "invalid_object");
    assertError(owner.post(path, "{\"colour\":\"red\"}"), 400, "invalid_object");
    assertError(owner.post(path, "{\"target_project_id\":5}"), 400, "invalid_object");
    assertError(owner.post(path, "[1]"), 400, "invalid_object");
    // another project's zone is not there for the caller
    assertError(third.post(path, "{}"), 404, "zone_not_found");
    assertError(
        owner.post("/v2/zones/" + UUID.randomUUID() + "/tasks/transfer_requests", "{}"),
        404,
        "zone_not_found");

    request(owner, zoneId, "{}");
    assertError(owner.post(path, "{}"), 409, "duplicate_zone_transfer_request");

    assertError(target.post(ACCEPTS, "{\"key\":\"ABCDEFGH\"}"), 400, "invalid_object");
    assertError(
        target.post(ACCEPTS, "{\"zone_transfer_request_id\":\"not-a-uuid\",\"key\":\"A\"}"),
        400,
        "invalid_object");
    assertError(
        target.post(ACCEPTS, accept(UUID.randomUUID().toString(), "A").replace("}", ",\"x\":1}")),
        400,
        "invalid_object");

    // a zone being deleted cannot be offered
    String deleting = zone(owner);
    assertThat(owner.delete("/v2/zones/" + deleting).status()).isEqualTo(202);
    ApiClient.Response refused =
        owner.post("/v2/zones/" + deleting + "/tasks/transfer_requests", "{}");
    assertError(refused, 400, "bad_request");
    assertThat(refused.body().get("message").asString())
        .isEqualTo("Can not transfer a deleting zone");
  }

  @Test
  void theAcceptingProjectsZoneQuotaIsCheckedAndNothingMovesOverIt() {
    String zoneId = zone(owner);
    JsonNode request = request(owner, zoneId, "{\"target_project_id\":\"" + b + "\"}");
    ApiClient.Response quota =
        admin.withHeader("X-Auth-All-Projects", "True").patch("/v2/quotas/" + b, "{\"zones\":0}");
    assertThat(quota.status()).as("%s", quota.body()).isEqualTo(200);

    ApiClient.Response over =
        target.post(ACCEPTS, accept(request.get("id").asString(), request.get("key").asString()));
    assertError(over, 413, "over_quota");
    assertThat(owner.get("/v2/zones/" + zoneId).body().get("project_id").asString()).isEqualTo(a);
    assertThat(
            target
                .get(REQUESTS + "/" + request.get("id").asString())
                .body()
                .get("status")
                .asString())
        .isEqualTo("ACTIVE");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from zone_transfer_accepts where zone_transfer_request_id = ?::uuid",
                Long.class,
                request.get("id").asString()))
        .isZero();
  }

  @Test
  void acceptsAreListedByAdminsOnlyAndAdminsSeeEveryProjectsRequestsWithAllProjects() {
    String zoneId = zone(owner);
    JsonNode request = request(owner, zoneId, "{\"target_project_id\":\"" + b + "\"}");
    String id = request.get("id").asString();

    ApiClient allProjects = admin.withHeader("X-Auth-All-Projects", "True");
    assertThat(ids(allProjects.get(REQUESTS + "?limit=1000"), "transfer_requests")).contains(id);
    assertThat(allProjects.get(REQUESTS + "/" + id).body().get("key").asString())
        .isEqualTo(request.get("key").asString());
    // without all-projects an admin is one project among others
    assertError(admin.get(REQUESTS + "/" + id), 404, "zone_transfer_request_not_found");

    ApiClient.Response accepted = target.post(ACCEPTS, accept(id, request.get("key").asString()));
    String acceptId = accepted.body().get("id").asString();
    assertError(target.get(ACCEPTS), 403, "forbidden");
    assertThat(ids(allProjects.get(ACCEPTS + "?limit=1000"), "transfer_accepts"))
        .contains(acceptId);
    assertThat(ids(admin.get(ACCEPTS), "transfer_accepts")).doesNotContain(acceptId);
    JsonNode list = allProjects.get(ACCEPTS + "?limit=1000").body();
    assertThat(list.get("metadata").get("total_count").asLong()).isPositive();
    assertThat(list.get("links").get("self").asString()).contains(ACCEPTS);
    assertError(allProjects.get(ACCEPTS + "?sort_key=zone_id"), 400, "invalid_sort_key");
    assertError(allProjects.get(ACCEPTS + "?colour=red"), 400, "bad_request");
  }
}
