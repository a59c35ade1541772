package io.zonecast.central.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import io.zonecast.central.CentralApplication;
import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.TestInfrastructure;
import io.zonecast.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * central-service in token mode: bearer JWTs signed by a test key, real PostgreSQL and RabbitMQ.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class TokenAuthIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("token_auth_it");
  static final String ISSUER = "https://idp.example.test/realms/zonecast";
  static final String AUDIENCE = "zonecast";
  static final TestTokens TOKENS = TestTokens.create(ISSUER);
  static final TestTokens FORGER = TestTokens.create(ISSUER);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add("server.address", () -> "127.0.0.1");
    // this context is cached beside the noauth ITs' ones: keep its share of PostgreSQL small
    registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
    registry.add(
        "zonecast.central.pools-file",
        () -> TokenAuthIT.class.getResource("/test-pools.yaml").getPath());
    registry.add("zonecast.central.auth.mode", () -> "token");
    registry.add("zonecast.central.auth.issuer", () -> ISSUER);
    registry.add(
        "spring.security.oauth2.resourceserver.jwt.public-key-location", TOKENS::publicKeyLocation);
    registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> AUDIENCE);
  }

  @AfterAll
  static void cleanUp() throws IOException {
    infra.dropDatabase(DB);
    TOKENS.close();
    FORGER.close();
  }

  @LocalServerPort int port;

  @Test
  void requestWithoutTokenIsRefusedWithTheApiErrorBody() {
    ApiClient.Response response = new ApiClient(port, "project-a").get("/v2/zones");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(response.body().get("code").asInt()).isEqualTo(401);
    assertThat(response.body().get("type").asString()).isEqualTo("unauthorized");
    assertThat(response.body().get("request_id").asString()).startsWith("req-");
    assertThat(response.body().get("request_id").asString())
        .isEqualTo(response.header("X-OpenStack-Request-ID"));
    assertThat(response.body().propertyNames())
        .containsExactly("code", "type", "message", "request_id");
    assertThat(response.body().get("message").asString())
        .isEqualTo("Authentication required: send Authorization: Bearer <token>");
    assertThat(response.header("Content-Type")).isEqualTo("application/json");
    assertThat(new ApiClient(port, "project-a").get("/").status()).isEqualTo(401);
  }

  @Test
  void tokenSignedWithAnotherKeyIsRefused() {
    String forged = FORGER.sign(claims("project-a", List.of("member")).build().toJSONObject());
    ApiClient.Response response = as("project-a", forged).get("/v2/zones");
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.body().get("type").asString()).isEqualTo("unauthorized");
    assertThat(response.body().get("message").asString()).startsWith("The token was refused: ");
  }

  @Test
  void expiredTokenIsRefused() {
    Instant past = Instant.now().minus(Duration.ofHours(1));
    String expired =
        token(
            claims("project-a", List.of("member"))
                .issueTime(Date.from(past.minus(Duration.ofMinutes(5))))
                .expirationTime(Date.from(past)));
    ApiClient.Response response = as("project-a", expired).get("/v2/zones");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.body().get("message").asString()).contains("expired");
  }

  @Test
  void tokenOfAnotherIssuerOrAudienceIsRefused() {
    String otherIssuer = token(claims("project-a", List.of("member")).issuer("https://evil.test"));
    String otherAudience = token(claims("project-a", List.of("member")).audience("other-service"));

    assertThat(as("project-a", otherIssuer).get("/v2/zones").status()).isEqualTo(401);
    assertThat(as("project-a", otherAudience).get("/v2/zones").status()).isEqualTo(401);
  }

  @Test
  void tokenWithoutProjectClaimIsRefused() {
    String unscoped =
        token(
            claims("project-a", List.of("member"))
                .claim("project_id", null)
                .claim("roles", List.of("admin")));
    ApiClient.Response response = as("project-a", unscoped).get("/v2/zones");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.body().get("message").asString()).contains("project_id");
  }

  @Test
  void projectComesFromTheTokenAndHeadersCannotOverrideIt() {
    String project = "p-" + UUID.randomUUID();
    String otherProject = "p-" + UUID.randomUUID();
    // the client also sends X-Auth-Project-ID: otherProject and X-Roles: admin; both are ignored
    ApiClient owner = as(otherProject, memberToken(project)).withHeader("X-Roles", "admin");
    ApiClient.Response created = createZone(owner);

    assertThat(created.status()).isEqualTo(202);
    assertThat(created.body().get("project_id").asString()).isEqualTo(project);
    assertThat(created.header("Set-Cookie")).as("stateless: no session").isNull();
    String id = created.body().get("id").asString();
    assertThat(owner.get("/v2/zones/" + id).status()).isEqualTo(200);

    ApiClient stranger = as(project, memberToken(otherProject));
    assertThat(stranger.get("/v2/zones/" + id).status()).isEqualTo(404);
    assertThat(stranger.get("/v2/zones").body().get("zones").size()).isZero();
  }

  @Test
  void aZoneSharedWithTheTokensProjectIsVisibleToItAndToNoOtherProject() {
    // Designate's target_project_id has at most 36 characters
    String project = "p-" + UUID.randomUUID().toString().substring(0, 8);
    String sharee = "p-" + UUID.randomUUID().toString().substring(0, 8);
    ApiClient owner = as("ignored", memberToken(project));
    String id = createZone(owner).body().get("id").asString();
    ApiClient.Response shared =
        owner.post("/v2/zones/" + id + "/shares", "{\"target_project_id\":\"" + sharee + "\"}");
    assertThat(shared.status()).as("%s", shared.body()).isEqualTo(201);
    assertThat(shared.body().get("project_id").asString()).isEqualTo(project);

    // the header names the sharee, but only the token's project counts
    ApiClient stranger = as(sharee, memberToken("p-" + UUID.randomUUID()));
    assertThat(stranger.get("/v2/zones/" + id).status()).isEqualTo(404);
    ApiClient shareeClient = as("ignored", memberToken(sharee));
    assertThat(shareeClient.get("/v2/zones/" + id).body().get("shared").asBoolean()).isTrue();
    assertThat(shareeClient.patch("/v2/zones/" + id, "{\"ttl\":600}").status()).isEqualTo(403);
  }

  @Test
  void onlyAnAdminTokenMayListAllProjects() {
    String project = "p-" + UUID.randomUUID();
    String id = createZone(as(project, memberToken(project))).body().get("id").asString();
    Consumer<ApiClient.Response> seesTheZone =
        response -> {
          assertThat(response.status()).isEqualTo(200);
          assertThat(response.body().get("zones").findValuesAsString("id")).contains(id);
        };

    ApiClient member =
        as("other", memberToken("p-" + UUID.randomUUID()))
            .withHeader("X-Roles", "admin")
            .withHeader("X-Auth-All-Projects", "true");
    assertThat(member.get("/v2/zones").status()).isEqualTo(403);

    // roles as a comma-separated string, the token in the OpenStack clients' X-Auth-Token header
    String admin = token(claims("admin-project", List.of()).claim("roles", "member, admin"));
    ApiClient adminClient =
        new ApiClient(port, "ignored")
            .withHeader("X-Auth-Token", admin)
            .withHeader("X-Auth-All-Projects", "true");
    seesTheZone.accept(adminClient.get("/v2/zones"));
    ApiClient sudo =
        new ApiClient(port, "ignored")
            .withHeader("Authorization", "Bearer " + admin)
            .withHeader("X-Auth-Sudo-Project-ID", project);
    seesTheZone.accept(sudo.get("/v2/zones"));
  }

  @Test
  void healthMetricsAndApiDescriptionNeedNoToken() {
    assertThat(statusWithoutToken("/actuator/health")).isEqualTo(200);
    assertThat(statusWithoutToken("/actuator/health/readiness")).isEqualTo(200);
    assertThat(statusWithoutToken("/actuator/prometheus")).isEqualTo(200);
    assertThat(statusWithoutToken("/v3/api-docs")).isEqualTo(200);
    assertThat(statusWithoutToken("/actuator/metrics")).isEqualTo(401);
  }

  @Test
  void consoleFilesNeedNoTokenButTheApiTheyCallDoes() {
    assertThat(statusWithoutToken("/console/")).isEqualTo(200);
    assertThat(statusWithoutToken("/console/index.html")).isEqualTo(200);
    assertThat(statusWithoutToken("/console/js/api.js")).isEqualTo(200);
    // a path that climbs out of the console is refused, never served as a console file
    assertThat(statusWithoutToken("/console/../v2/zones")).isBetween(400, 401);
    assertThat(statusWithoutToken("/v2/zones")).isEqualTo(401);
  }

  @Test
  void tokenModeWithoutKeysRefusesToStart() {
    List<String> args = new ArrayList<>(infra.springArguments(DB));
    args.addAll(
        List.of(
            "--server.port=0",
            "--server.address=127.0.0.1",
            "--zonecast.central.auth.mode=token",
            "--zonecast.central.pools-file="
                + TokenAuthIT.class.getResource("/test-pools.yaml").getPath()));
    SpringApplicationBuilder app = new SpringApplicationBuilder(CentralApplication.class);

    assertThatThrownBy(() -> app.run(args.toArray(String[]::new)))
        .rootCause()
        .hasMessageContaining("zonecast.central.auth.mode=token needs the token keys");
  }

  private ApiClient.Response createZone(ApiClient client) {
    String name = "z" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
    return client.post(
        "/v2/zones", "{\"name\":\"" + name + "\",\"email\":\"hostmaster@example.org\"}");
  }

  private ApiClient as(String headerProject, String token) {
    return new ApiClient(port, headerProject).withHeader("Authorization", "Bearer " + token);
  }

  private static String memberToken(String project) {
    return token(claims(project, List.of("member", "reader")));
  }

  private static JWTClaimsSet.Builder claims(String project, List<String> roles) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .subject("user-" + project)
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
        .claim("project_id", project)
        .claim("roles", roles);
  }

  private static String token(JWTClaimsSet.Builder claims) {
    return TOKENS.sign(claims.build().toJSONObject());
  }

  private int statusWithoutToken(String path) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
