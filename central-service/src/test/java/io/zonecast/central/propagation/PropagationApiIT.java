package io.zonecast.central.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.TestInfrastructure;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * GET /v2/zones/{id}/propagation against a real PostgreSQL: it shows the rows the pool manager
 * writes (inserted here in its place), and only to the zone's project.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PropagationApiIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  // the pool manager's tables and views too: this test writes the state the pool manager keeps
  static final String DB = infra.migrate(infra.freshDatabase("central_propagation_it"));

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add(
        "zonecast.central.pools-file",
        () -> PropagationApiIT.class.getResource("/test-pools.yaml").getPath());
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  String createZone(ApiClient api) {
    String name = "p" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
    ApiClient.Response created =
        api.post("/v2/zones", "{\"name\":\"" + name + "\",\"email\":\"h@example.org\"}");
    assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
    return created.body().get("id").asString();
  }

  @Test
  void showsEachNameserversSerialAndOutcomeAsThePoolManagerRecordedThem() {
    ApiClient api = new ApiClient(port, "project-a");
    String id = createZone(api);
    long serial = api.get("/v2/zones/" + id).body().get("serial").asLong();

    JsonNode before = api.get("/v2/zones/" + id + "/propagation").body();
    assertThat(before.get("serial").asLong()).isEqualTo(serial);
    assertThat(before.get("state").isNull()).isTrue();
    assertThat(before.get("nameservers")).hasSize(1);
    assertThat(before.get("nameservers").get(0).get("nameserver").asString())
        .isEqualTo("127.0.0.1:5310");
    assertThat(before.get("nameservers").get(0).get("serial").isNull()).isTrue();

    jdbc.update(
        "insert into zone_propagations (zone_id, zone_name, pool_id, target_serial, action,"
            + " request_id, state, started_at, round_started_at, updated_at)"
            + " select id, name, pool_id, serial, 'CREATE', 'req-1', 'ERROR', now(), now(), now()"
            + " from zones where id = ?",
        UUID.fromString(id));
    jdbc.update(
        "insert into nameserver_propagations (zone_id, nameserver, last_serial, last_outcome,"
            + " answered_serial, updated_at) values (?, '127.0.0.1:5310', ?, 'ERROR', ?, now())",
        UUID.fromString(id),
        serial - 1,
        serial);

    ApiClient.Response response = api.get("/v2/zones/" + id + "/propagation");
    assertThat(response.status()).isEqualTo(200);
    JsonNode body = response.body();
    assertThat(body.get("target_serial").asLong()).isEqualTo(serial);
    assertThat(body.get("state").asString()).isEqualTo("ERROR");
    assertThat(body.get("target_action").asString()).isEqualTo("CREATE");
    JsonNode nameserver = body.get("nameservers").get(0);
    assertThat(nameserver.get("serial").asLong()).isEqualTo(serial - 1);
    assertThat(nameserver.get("outcome").asString()).isEqualTo("ERROR");
    assertThat(nameserver.get("updated_at").asString()).isNotBlank();
    assertThat(body.get("links").get("self").asString())
        .endsWith("/v2/zones/" + id + "/propagation");
  }

  @Test
  void aZoneOfAnotherProjectOrNoZoneIsNotFound() {
    String id = createZone(new ApiClient(port, "project-a"));
    ApiClient other = new ApiClient(port, "project-b");

    assertThat(other.get("/v2/zones/" + id + "/propagation").status()).isEqualTo(404);
    assertThat(other.get("/v2/zones/" + UUID.randomUUID() + "/propagation").status())
        .isEqualTo(404);
  }
}
