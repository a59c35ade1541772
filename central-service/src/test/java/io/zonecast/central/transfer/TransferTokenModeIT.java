package io.zonecast.central.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.TestInfrastructure;
import io.zonecast.testsupport.TestTokens;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Transfers, abandon and limits in token mode: the project and roles come from the JWT, and the
 * headers of noauth mode change nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class TransferTokenModeIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("transfer_token_it");
  static final String ISSUER = "https://idp.example.test/realms/zonecast";
  static final TestTokens TOKENS = TestTokens.create(ISSUER);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
    registry.add(
        "zonecast.central.pools-file",
        () -> TransferTokenModeIT.class.getResource("/test-pools.yaml").getPath());
    registry.add("zonecast.central.auth.mode", () -> "token");
    registry.add("zonecast.central.auth.issuer", () -> ISSUER);
    registry.add(
        "spring.security.oauth2.resourceserver.jwt.public-key-location", TOKENS::publicKeyLocation);
  }

  @AfterAll
  static void cleanUp() throws IOException {
    infra.dropDatabase(DB);
    TOKENS.close();
  }

  @LocalServerPort int port;

  @Test
  void theTokensProjectsOfferAcceptAndOnlyAnAdminTokenAbandons() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String a = "tok-a-" + run;
    String b = "tok-b-" + run;
    // the headers name another project and the admin role: ignored in token mode
    ApiClient alice = as(a, List.of("member"), b).withHeader("X-Roles", "admin");
    ApiClient bob = as(b, List.of("member"));
    ApiClient mallory = as("tok-c-" + run, List.of("member"));

    ApiClient.Response zone =
        alice.post(
            "/v2/zones", "{\"name\":\"" + a + ".example.org.\",\"email\":\"h@example.org\"}");
    assertThat(zone.status()).as("%s", zone.body()).isEqualTo(202);
    assertThat(zone.body().get("project_id").asString()).isEqualTo(a);
    String zoneId = zone.body().get("id").asString();

    JsonNode request =
        alice
            .post(
                "/v2/zones/" + zoneId + "/tasks/transfer_requests",
                "{\"target_project_id\":\"" + b + "\"}")
            .body();
    String id = request.get("id").asString();
    assertThat(request.get("project_id").asString()).isEqualTo(a);
    assertThat(mallory.get("/v2/zones/tasks/transfer_requests/" + id).status()).isEqualTo(404);
    String accept =
        "{\"zone_transfer_request_id\":\""
            + id
            + "\",\"key\":\""
            + request.get("key").asString()
            + "\"}";
    assertThat(mallory.post("/v2/zones/tasks/transfer_accepts", accept).status()).isEqualTo(404);
    ApiClient.Response accepted = bob.post("/v2/zones/tasks/transfer_accepts", accept);
    assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(201);
    assertThat(bob.get("/v2/zones/" + zoneId).body().get("project_id").asString()).isEqualTo(b);
    assertThat(alice.get("/v2/zones/" + zoneId).status()).isEqualTo(404);

    assertThat(bob.get("/v2/limits").body().get("max_zones").asInt()).isEqualTo(10);
    assertThat(bob.post("/v2/zones/" + zoneId + "/tasks/abandon", "").status()).isEqualTo(403);
    assertThat(as(b, List.of("admin")).post("/v2/zones/" + zoneId + "/tasks/abandon", "").status())
        .isEqualTo(204);
    assertThat(bob.get("/v2/zones/" + zoneId).status()).isEqualTo(404);
    assertThat(new ApiClient(port, b).get("/v2/zones/tasks/transfer_requests").status())
        .isEqualTo(401);
  }

  private ApiClient as(String project, List<String> roles) {
    return as(project, roles, project);
  }

  /** A client whose token names {@code project} and whose X-Auth-Project-ID names another. */
  private ApiClient as(String project, List<String> roles, String headerProject) {
    return new ApiClient(port, headerProject)
        .withHeader("Authorization", "Bearer " + TOKENS.token(project, roles));
  }
}
