package io.zonecast.central.share;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * Shared zones (Designate's API v2.1) against a real PostgreSQL: the share endpoints, what a
 * project the zone is shared with may see and change, and what every other project gets (404).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ZoneShareApiIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("central_share_it");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add(
        "zonecast.central.pools-file",
        () -> ZoneShareApiIT.class.getResource("/test-pools.yaml").getPath());
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  String ownerProject;
  String shareeProject;
  ApiClient owner;
  ApiClient sharee;
  ApiClient stranger;
  ApiClient admin;

  @BeforeEach
  void clients() {
    ownerProject = unique("owner");
    shareeProject = unique("sharee");
    owner = member(ownerProject);
    sharee = member(shareeProject);
    stranger = member(unique("stranger"));
    admin = new ApiClient(port, unique("admin")).withHeader("X-Roles", "admin");
  }

  ApiClient member(String project) {
    return new ApiClient(port, project).withHeader("X-Roles", "member");
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  String zone() {
    ApiClient.Response created =
        owner.post(
            "/v2/zones",
            "{\"name\":\"" + unique("shared") + ".example.org.\",\"email\":\"h@example.org\"}");
    assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
    return created.body().get("id").asString();
  }

  static String shareBody(String target) {
    return "{\"target_project_id\":\"" + target + "\"}";
  }

  String share(String zoneId) {
    ApiClient.Response shared = owner.post(shares(zoneId), shareBody(shareeProject));
    assertThat(shared.status()).as("%s", shared.body()).isEqualTo(201);
    return shared.body().get("id").asString();
  }

  static String shares(String zoneId) {
    return "/v2/zones/" + zoneId + "/shares";
  }

  static String recordsets(String zoneId) {
    return "/v2/zones/" + zoneId + "/recordsets";
  }

  static String recordset(String name, String address) {
    return "{\"name\":\""
        + name
        + "\",\"type\":\"A\",\"records\":[\""
        + address
        + "\"],\"description\":\"d\"}";
  }

  String zoneName(String zoneId) {
    return owner.get("/v2/zones/" + zoneId).body().get("name").asString();
  }

  @Test
  void theOwnerSharesAZoneInDesignatesShape() {
    String zoneId = zone();
    ApiClient.Response shared = owner.post(shares(zoneId), shareBody(shareeProject));

    assertThat(shared.status()).as("%s", shared.body()).isEqualTo(201);
    JsonNode body = shared.body();
    String id = body.get("id").asString();
    assertThat(body.get("zone_id").asString()).isEqualTo(zoneId);
    assertThat(body.get("project_id").asString()).isEqualTo(ownerProject);
    assertThat(body.get("target_project_id").asString()).isEqualTo(shareeProject);
    assertThat(body.get("created_at").asString()).isNotBlank();
    assertThat(body.get("updated_at").isNull()).isTrue();
    assertThat(body.get("links").get("self").asString())
        .endsWith("/v2/zones/" + zoneId + "/shares/" + id);
    assertThat(body.get("links").get("zone").asString()).endsWith("/v2/zones/" + zoneId);

    assertThat(owner.get(shares(zoneId) + "/" + id).body().get("target_project_id").asString())
        .isEqualTo(shareeProject);
    JsonNode list = owner.get(shares(zoneId)).body();
    assertThat(ids(list.get("shared_zones"))).containsExactly(id);
    assertThat(list.get("metadata").get("total_count").asLong()).isEqualTo(1);
    assertThat(list.get("links").get("self").asString())
        .contains("/v2/zones/" + zoneId + "/shares");
    assertThat(owner.get("/v2/zones/" + zoneId).body().get("shared").asBoolean()).isTrue();
  }

  @Test
  void theShareeListsAndReadsTheZoneAsSharedAndOtherProjectsDoNot() {
    String zoneId = zone();
    String unsharedId = zone();
    share(zoneId);

    JsonNode listed = sharee.get("/v2/zones").body().get("zones");
    assertThat(ids(listed)).containsExactly(zoneId);
    assertThat(listed.get(0).get("shared").asBoolean()).isTrue();
    assertThat(listed.get(0).get("project_id").asString()).isEqualTo(ownerProject);
    assertThat(sharee.get("/v2/zones").body().get("metadata").get("total_count").asLong())
        .isEqualTo(1);
    assertThat(sharee.get("/v2/zones/" + zoneId).status()).isEqualTo(200);
    assertThat(sharee.get("/v2/zones/" + zoneId).body().get("shared").asBoolean()).isTrue();
    assertError(sharee.get("/v2/zones/" + unsharedId), 404, "zone_not_found");
    assertError(sharee.get("/v2/zones/" + zoneId + "/nameservers"), 403, "forbidden");
    assertThat(owner.get("/v2/zones/" + zoneId + "/nameservers").status()).isEqualTo(200);

    JsonNode ownerList = owner.get("/v2/zones").body().get("zones");
    assertThat(ids(ownerList)).containsExactlyInAnyOrder(zoneId, unsharedId);
    for (JsonNode zone : ownerList) {
      assertThat(zone.get("shared").asBoolean())
          .isEqualTo(zone.get("id").asString().equals(zoneId));
    }

    assertThat(ids(stranger.get("/v2/zones").body().get("zones"))).isEmpty();
    assertError(stranger.get("/v2/zones/" + zoneId), 404, "zone_not_found");
    assertError(stranger.get(recordsets(zoneId)), 404, "zone_not_found");
  }

  @Test
  void aShareeManagesOnlyTheRecordsetsItCreatedAndTheOwnerManagesAll() {
    String zoneId = zone();
    share(zoneId);
    String name = zoneName(zoneId);
    ApiClient.Response ownerCreated =
        owner.post(recordsets(zoneId), recordset("www." + name, "192.0.2.1"));
    assertThat(ownerCreated.status()).as("%s", ownerCreated.body()).isEqualTo(202);
    String ownersRecordset = ownerCreated.body().get("id").asString();
    assertThat(ownerCreated.body().get("project_id").asString()).isEqualTo(ownerProject);

    ApiClient.Response shareeCreated =
        sharee.post(recordsets(zoneId), recordset("app." + name, "192.0.2.2"));
    assertThat(shareeCreated.status()).as("%s", shareeCreated.body()).isEqualTo(202);
    String shareesRecordset = shareeCreated.body().get("id").asString();
    assertThat(shareeCreated.body().get("project_id").asString()).isEqualTo(shareeProject);
    assertThat(shareeCreated.body().get("zone_name").asString()).isEqualTo(name);

    // the sharee sees every recordset of the zone (SOA, NS and both A)
    assertThat(sharee.get(recordsets(zoneId)).body().get("metadata").get("total_count").asLong())
        .isEqualTo(4);
    assertThat(sharee.get(recordsets(zoneId) + "/" + ownersRecordset).status()).isEqualTo(200);

    String update = "{\"records\":[\"192.0.2.9\"]}";
    assertError(sharee.put(recordsets(zoneId) + "/" + ownersRecordset, update), 403, "forbidden");
    assertError(sharee.delete(recordsets(zoneId) + "/" + ownersRecordset), 403, "forbidden");
    assertThat(sharee.put(recordsets(zoneId) + "/" + shareesRecordset, update).status())
        .isEqualTo(202);
    assertThat(
            owner
                .put(recordsets(zoneId) + "/" + shareesRecordset, "{\"records\":[\"192.0.2.10\"]}")
                .status())
        .isEqualTo(202);
    assertThat(
            jdbc.queryForObject(
                "select project_id from recordsets where id = ?::uuid",
                String.class,
                shareesRecordset))
        .isEqualTo(shareeProject);

    assertError(
        stranger.post(recordsets(zoneId), recordset("x." + name, "192.0.2.3")),
        404,
        "zone_not_found");
    assertError(
        stranger.put(recordsets(zoneId) + "/" + shareesRecordset, update), 404, "zone_not_found");

    // by id alone: the owner finds the sharee's recordset, the sharee the owner's, others nothing
    assertThat(owner.get("/v2/recordsets/" + shareesRecordset).status()).isEqualTo(301);
    assertThat(sharee.get("/v2/recordsets/" + ownersRecordset).status()).isEqualTo(301);
    assertError(stranger.get("/v2/recordsets/" + shareesRecordset), 404, "recordset_not_found");

    // an admin changes any recordset, as Designate's ADMIN_AND_PRIMARY_ZONE
    ApiClient shareeAdmin = new ApiClient(port, shareeProject).withHeader("X-Roles", "admin");
    assertThat(shareeAdmin.put(recordsets(zoneId) + "/" + ownersRecordset, update).status())
        .isEqualTo(202);
    assertThat(sharee.delete(recordsets(zoneId) + "/" + shareesRecordset).status()).isEqualTo(202);
  }

  @Test
  void theShareesRecordsetsCountAgainstTheOwnersQuota() {
    String zoneId = zone();
    share(zoneId);
    String name = zoneName(zoneId);
    // SOA + NS + one more recordset fill a zone_recordsets quota of 3
    ApiClient allProjects = admin.withHeader("X-Auth-All-Projects", "true");
    assertThat(allProjects.patch("/v2/quotas/" + ownerProject, "{\"zone_recordsets\":3}").status())
        .isEqualTo(200);
    assertThat(sharee.post(recordsets(zoneId), recordset("a." + name, "192.0.2.1")).status())
        .isEqualTo(202);
    assertError(
        sharee.post(recordsets(zoneId), recordset("b." + name, "192.0.2.2")), 413, "over_quota");
    // the sharee's own quota is not what limits it
    assertThat(admin.get("/v2/quotas/" + shareeProject).body().get("zone_recordsets").asLong())
        .isGreaterThan(3);
  }

  @Test
  void aShareeCannotChangeDeleteReshareOrCreateSubzonesOfTheZone() {
    String zoneId = zone();
    share(zoneId);
    String name = zoneName(zoneId);

    assertError(sharee.patch("/v2/zones/" + zoneId, "{\"ttl\":600}"), 403, "forbidden");
    assertError(sharee.delete("/v2/zones/" + zoneId), 403, "forbidden");
    assertError(sharee.post(shares(zoneId), shareBody(unique("third"))), 403, "forbidden");
    assertError(
        sharee.post("/v2/zones", "{\"name\":\"sub." + name + "\",\"email\":\"h@example.org\"}"),
        403,
        "illegal_child");
    assertThat(owner.get("/v2/zones/" + zoneId).body().get("ttl").asInt()).isNotEqualTo(600);
    assertThat(owner.get("/v2/zones/" + zoneId).body().get("action").asString())
        .isNotEqualTo("DELETE");
  }

  @Test
  void badShareRequestsGetDesignatesErrors() {
    String zoneId = zone();
    assertError(owner.post(shares(zoneId), "{}"), 400, "invalid_object");
    assertError(owner.post(shares(zoneId), "{\"target_project_id\":5}"), 400, "invalid_object");
    assertError(
        owner.post(shares(zoneId), "{\"target_project_id\":\"p\",\"zone_id\":\"x\"}"),
        400,
        "invalid_object");
    assertError(owner.post(shares(zoneId), shareBody("x".repeat(37))), 400, "invalid_object");
    assertError(owner.post(shares(zoneId), shareBody(ownerProject)), 400, "bad_request");
    share(zoneId);
    assertError(owner.post(shares(zoneId), shareBody(shareeProject)), 409, "duplicate_shared_zone");
    assertError(stranger.post(shares(zoneId), shareBody(unique("x"))), 404, "zone_not_found");
    assertError(
        owner.post(shares(UUID.randomUUID().toString()), shareBody(shareeProject)),
        404,
        "zone_not_found");
    // as every path of the API: an id that is no UUID names no resource
    assertError(
        owner.post("/v2/zones/not-a-uuid/shares", shareBody(shareeProject)), 404, "not_found");
    assertError(owner.get(shares(zoneId) + "/" + UUID.randomUUID()), 404, "shared_zone_not_found");
    assertError(owner.get(shares(zoneId) + "?sort_key=name"), 400, "invalid_sort_key");
  }

  @Test
  void sharesAreShownToTheirCreatorAndTargetListedForBothAndHiddenFromOthers() {
    String zoneId = zone();
    String id = share(zoneId);

    assertError(sharee.get(shares(zoneId) + "/" + id), 403, "forbidden");
    assertError(stranger.get(shares(zoneId) + "/" + id), 404, "shared_zone_not_found");
    assertThat(ids(sharee.get(shares(zoneId)).body().get("shared_zones"))).containsExactly(id);
    assertThat(ids(stranger.get(shares(zoneId)).body().get("shared_zones"))).isEmpty();
    assertThat(
            ids(
                owner
                    .get(shares(zoneId) + "?target_project_id=" + ownerProject)
                    .body()
                    .get("shared_zones")))
        .isEmpty();
    assertError(
        owner.get(shares(zoneId) + "?target_project_id=" + shareeProject), 403, "forbidden");
    assertThat(
            ids(
                sharee
                    .get(shares(zoneId) + "?target_project_id=" + shareeProject)
                    .body()
                    .get("shared_zones")))
        .containsExactly(id);

    ApiClient allProjects = admin.withHeader("X-Auth-All-Projects", "true");
    assertThat(ids(admin.get(shares(zoneId)).body().get("shared_zones"))).isEmpty();
    assertThat(ids(allProjects.get(shares(zoneId)).body().get("shared_zones"))).containsExactly(id);
    assertThat(allProjects.get(shares(zoneId) + "/" + id).status()).isEqualTo(200);
  }

  @Test
  void anAdminSharesAnotherProjectsZoneOnlyWithAllProjects() {
    String zoneId = zone();
    assertError(admin.post(shares(zoneId), shareBody(shareeProject)), 404, "zone_not_found");
    ApiClient.Response shared =
        admin
            .withHeader("X-Auth-All-Projects", "true")
            .post(shares(zoneId), shareBody(shareeProject));
    assertThat(shared.status()).as("%s", shared.body()).isEqualTo(201);
    assertThat(sharee.get("/v2/zones/" + zoneId).status()).isEqualTo(200);
  }

  @Test
  void unsharingWaitsUntilTheShareesRecordsetsAreGone() {
    String zoneId = zone();
    String id = share(zoneId);
    String name = zoneName(zoneId);
    String recordsetId =
        sharee
            .post(recordsets(zoneId), recordset("app." + name, "192.0.2.2"))
            .body()
            .get("id")
            .asString();

    assertError(sharee.delete(shares(zoneId) + "/" + id), 403, "forbidden");
    assertError(stranger.delete(shares(zoneId) + "/" + id), 404, "shared_zone_not_found");
    assertError(owner.delete(shares(zoneId) + "/" + id), 400, "shared_zone_has_recordsets");

    assertThat(sharee.delete(recordsets(zoneId) + "/" + recordsetId).status()).isEqualTo(202);
    assertThat(owner.delete(shares(zoneId) + "/" + id).status()).isEqualTo(204);
    assertError(owner.get(shares(zoneId) + "/" + id), 404, "shared_zone_not_found");
    assertError(sharee.get("/v2/zones/" + zoneId), 404, "zone_not_found");
    assertError(
        sharee.post(recordsets(zoneId), recordset("again." + name, "192.0.2.3")),
        404,
        "zone_not_found");
    assertThat(owner.get("/v2/zones/" + zoneId).body().get("shared").asBoolean()).isFalse();
  }

  @Test
  void aSharedZoneIsDeletedOnlyWithDeleteShares() {
    String zoneId = zone();
    share(zoneId);

    assertError(owner.delete("/v2/zones/" + zoneId), 400, "zone_is_shared");
    assertError(
        owner.withHeader("X-Designate-Delete-Shares", "false").delete("/v2/zones/" + zoneId),
        400,
        "zone_is_shared");
    assertThat(owner.get("/v2/zones/" + zoneId).body().get("action").asString())
        .isNotEqualTo("DELETE");

    ApiClient.Response deleted =
        owner.withHeader("X-Designate-Delete-Shares", "True").delete("/v2/zones/" + zoneId);
    assertThat(deleted.status()).as("%s", deleted.body()).isEqualTo(202);
    assertThat(deleted.body().get("action").asString()).isEqualTo("DELETE");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from zone_shares where zone_id = ?::uuid", Long.class, zoneId))
        .isZero();
    assertError(sharee.get("/v2/zones/" + zoneId), 404, "zone_not_found");

    String other = zone();
    share(other);
    assertThat(owner.delete("/v2/zones/" + other + "?delete_shares=true").status()).isEqualTo(202);
  }

  static List<String> ids(JsonNode items) {
    List<String> ids = new ArrayList<>();
    items.forEach(item -> ids.add(item.get("id").asString()));
    return ids;
  }

  private static void assertError(ApiClient.Response response, int status, String type) {
    assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
    assertThat(response.body().get("code").asInt()).isEqualTo(status);
    assertThat(response.body().get("type").asString()).isEqualTo(type);
    assertThat(response.body().get("message").asString()).isNotBlank();
  }
}
