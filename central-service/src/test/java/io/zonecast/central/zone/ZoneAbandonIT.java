package io.zonecast.central.zone;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.TestInfrastructure;
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

/**
 * {@code POST /v2/zones/{id}/tasks/abandon} against a real PostgreSQL: the zone and everything of
 * it leave the database, and nothing is handed to the pool manager.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ZoneAbandonIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("central_abandon_it");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add(
        "zonecast.central.pools-file",
        () -> ZoneAbandonIT.class.getResource("/test-pools.yaml").getPath());
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  String project;
  ApiClient admin;
  ApiClient member;

  @BeforeEach
  void clients() {
    project = "abandon-" + UUID.randomUUID().toString().substring(0, 8);
    admin = new ApiClient(port, project).withHeader("X-Roles", "admin");
    member = new ApiClient(port, project).withHeader("X-Roles", "member");
  }

  String zone(ApiClient client, String name) {
    ApiClient.Response zone =
        client.post("/v2/zones", "{\"name\":\"" + name + "\",\"email\":\"h@example.org\"}");
    assertThat(zone.status()).as("%s", zone.body()).isEqualTo(202);
    return zone.body().get("id").asString();
  }

  static String unique() {
    return "ab-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
  }

  long count(String sql, String zoneId) {
    return jdbc.queryForObject(sql, Long.class, zoneId);
  }

  @Test
  void anAdminAbandonsAZoneItsRecordsetsJournalAndPendingChangesGoWithoutADelete() {
    String name = unique();
    String zoneId = zone(admin, name);
    assertThat(
            admin
                .post(
                    "/v2/zones/" + zoneId + "/recordsets",
                    "{\"name\":\"www." + name + "\",\"type\":\"A\",\"records\":[\"192.0.2.7\"]}")
                .status())
        .isEqualTo(202);
    assertThat(count("select count(*) from zone_journal_steps where zone_id = ?::uuid", zoneId))
        .isPositive();

    ApiClient.Response abandoned = admin.post("/v2/zones/" + zoneId + "/tasks/abandon", "");
    assertThat(abandoned.status()).as("%s", abandoned.body()).isEqualTo(204);
    assertThat(abandoned.body()).isNull();

    assertThat(admin.get("/v2/zones/" + zoneId).status()).isEqualTo(404);
    assertThat(count("select count(*) from zones where id = ?::uuid", zoneId)).isZero();
    assertThat(count("select count(*) from recordsets where zone_id = ?::uuid", zoneId)).isZero();
    assertThat(count("select count(*) from records where zone_id = ?::uuid", zoneId)).isZero();
    assertThat(count("select count(*) from zone_journal_steps where zone_id = ?::uuid", zoneId))
        .isZero();
    // no DELETE (nor anything else) for the pool manager: the targets keep the zone
    assertThat(count("select count(*) from outbox_events where zone_id = ?::uuid", zoneId))
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from outbox_events where payload like ?",
                Long.class,
                "%" + zoneId + "%DELETE%"))
        .isZero();
    // the name is free again
    zone(admin, name);
  }

  @Test
  void abandonIsForAdminsOfTheZonesProjectOrWithAllProjects() {
    String zoneId = zone(admin, unique());
    ApiClient.Response forbidden = member.post("/v2/zones/" + zoneId + "/tasks/abandon", "");
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.body().get("type").asString()).isEqualTo("forbidden");

    ApiClient otherAdmin = new ApiClient(port, "other-" + project).withHeader("X-Roles", "admin");
    ApiClient.Response foreign = otherAdmin.post("/v2/zones/" + zoneId + "/tasks/abandon", "");
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.body().get("type").asString()).isEqualTo("zone_not_found");
    assertThat(admin.get("/v2/zones/" + zoneId).status()).isEqualTo(200);

    assertThat(
            otherAdmin
                .withHeader("X-Auth-All-Projects", "True")
                .post("/v2/zones/" + zoneId + "/tasks/abandon", "")
                .status())
        .isEqualTo(204);
    assertThat(admin.get("/v2/zones/" + zoneId).status()).isEqualTo(404);

    ApiClient.Response missing =
        admin.post("/v2/zones/" + UUID.randomUUID() + "/tasks/abandon", "");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body().get("type").asString()).isEqualTo("zone_not_found");
    assertThat(admin.get("/v2/zones/" + zoneId + "/tasks/abandon").status()).isEqualTo(405);
  }

  @Test
  void aZoneWithSubZonesIsNotAbandoned() {
    String parent = unique();
    String parentId = zone(admin, parent);
    zone(admin, "sub." + parent);
    ApiClient.Response refused = admin.post("/v2/zones/" + parentId + "/tasks/abandon", "");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().get("type").asString()).isEqualTo("zone_has_sub_zone");
    assertThat(admin.get("/v2/zones/" + parentId).status()).isEqualTo(200);
  }
}
