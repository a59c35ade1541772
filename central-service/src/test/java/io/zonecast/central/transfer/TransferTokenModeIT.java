package io.zonecast.central.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
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
  static final KeyPair KEYS = rsaKeyPair();
  static final Path PUBLIC_KEY = publicKeyPem(KEYS);

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
        "spring.security.oauth2.resourceserver.jwt.public-key-location",
        () -> PUBLIC_KEY.toUri().toString());
  }

  @AfterAll
  static void cleanUp() throws IOException {
    infra.dropDatabase(DB);
    Files.deleteIfExists(PUBLIC_KEY);
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
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject("user-" + project)
            .issuer(ISSUER)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
            .claim("project_id", project)
            .claim("roles", roles)
            .build();
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
      jwt.sign(new RSASSASigner(KEYS.getPrivate()));
      return new ApiClient(port, headerProject)
          .withHeader("Authorization", "Bearer " + jwt.serialize());
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path publicKeyPem(KeyPair keys) {
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(keys.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    try {
      Path file = Files.createTempFile("zonecast-transfer-token-it", ".pem");
      Files.writeString(file, pem);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
