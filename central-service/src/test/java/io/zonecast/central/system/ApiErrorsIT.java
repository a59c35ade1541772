package io.zonecast.central.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The error body of each request Spring MVC or a filter refuses before a controller runs, word for
 * word: {@code code}, {@code type}, {@code message} and the request id the response header names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiErrorsIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("central_errors_it");
  static final int MAX_REQUEST_BYTES = 4096;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add(
        "zonecast.central.pools-file",
        () -> ApiErrorsIT.class.getResource("/test-pools.yaml").getPath());
    registry.add("zonecast.central.max-request-bytes", () -> MAX_REQUEST_BYTES);
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @LocalServerPort int port;
  ApiClient admin;

  @BeforeEach
  void client() {
    admin = new ApiClient(port, "admin-project").withHeader("X-Roles", "admin");
  }

  @Test
  void unknownPathsAndIdsThatAreNoUuidAreNotFound() {
    assertBody(admin.get("/v2/nothing-here"), 404, "not_found", "No resource at /v2/nothing-here");
    assertBody(
        admin.get("/v2/tlds/not-a-uuid"), 404, "not_found", "No resource at /v2/tlds/not-a-uuid");
  }

  @Test
  void bodiesThatAreNoJsonOrTooLargeAreRefused() {
    assertBody(
        admin.post("/v2/tlds", "{\"name\": "),
        400,
        "invalid_json",
        "The request body is not valid JSON");
    assertBody(
        admin.post("/v2/tlds", "name=x", "text/plain"),
        415,
        "unsupported_content_type",
        "Content-Type text/plain is not supported; send application/json");
    assertBody(
        admin.post("/v2/tlds", "{\"description\":\"" + "x".repeat(MAX_REQUEST_BYTES) + "\"}"),
        413,
        "request_body_too_large",
        "The request body is larger than " + MAX_REQUEST_BYTES + " bytes");
  }

  @Test
  void otherMethodsAndMediaTypesAreRefused() {
    assertBody(
        admin.put("/v2/tlds", "{}"), 405, "method_not_allowed", "PUT is not allowed on /v2/tlds");
    assertBody(
        admin.withHeader("Accept", "text/html").get("/v2/tlds"),
        406,
        "unsupported_accept",
        "This resource is only available as application/json");
  }

  private static void assertBody(
      ApiClient.Response response, int status, String type, String message) {
    assertThat(response.status()).as("%s", response.body()).isEqualTo(status);
    assertThat(response.header("Content-Type")).isEqualTo("application/json");
    assertThat(response.body().propertyNames())
        .containsExactly("code", "type", "message", "request_id");
    assertThat(response.body().get("code").asInt()).isEqualTo(status);
    assertThat(response.body().get("type").asString()).isEqualTo(type);
    assertThat(response.body().get("message").asString()).isEqualTo(message);
    assertThat(response.body().get("request_id").asString())
        .isEqualTo(response.header(RequestIds.HEADER));
  }
}
