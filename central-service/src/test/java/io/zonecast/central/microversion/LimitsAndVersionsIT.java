package io.zonecast.central.microversion;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.TestInfrastructure;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** {@code GET /v2/limits}, {@code GET /} and the {@code OpenStack-API-Version} header. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LimitsAndVersionsIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("central_limits_it");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add(
        "zonecast.central.pools-file",
        () -> LimitsAndVersionsIT.class.getResource("/test-pools.yaml").getPath());
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @LocalServerPort int port;

  @Test
  void limitsAreTheProjectsQuotasAndDesignatesFieldLimits() {
    String project = "limits-" + UUID.randomUUID().toString().substring(0, 8);
    ApiClient member = new ApiClient(port, project).withHeader("X-Roles", "member");
    ApiClient.Response limits = member.get("/v2/limits");
    assertThat(limits.status()).isEqualTo(200);
    JsonNode body = limits.body();
    assertThat(body.propertyNames())
        .containsExactlyInAnyOrder(
            "max_zones",
            "max_zone_recordsets",
            "max_zone_records",
            "max_recordset_records",
            "min_ttl",
            "max_zone_name_length",
            "max_recordset_name_length",
            "max_page_limit");
    assertThat(body.get("max_zones").asInt()).isEqualTo(10);
    assertThat(body.get("max_zone_recordsets").asInt()).isEqualTo(500);
    assertThat(body.get("max_zone_records").asInt()).isEqualTo(500);
    assertThat(body.get("max_recordset_records").asInt()).isEqualTo(20);
    assertThat(body.get("min_ttl").asInt()).isZero();
    assertThat(body.get("max_zone_name_length").asInt()).isEqualTo(255);
    assertThat(body.get("max_recordset_name_length").asInt()).isEqualTo(255);
    assertThat(body.get("max_page_limit").asInt()).isEqualTo(1000);

    ApiClient admin =
        new ApiClient(port, project)
            .withHeader("X-Roles", "admin")
            .withHeader("X-Auth-All-Projects", "True");
    assertThat(admin.patch("/v2/quotas/" + project, "{\"zones\":3}").status()).isEqualTo(200);
    assertThat(member.get("/v2/limits").body().get("max_zones").asInt()).isEqualTo(3);
    // another project keeps the defaults
    assertThat(
            new ApiClient(port, "other-" + project)
                .get("/v2/limits")
                .body()
                .get("max_zones")
                .asInt())
        .isEqualTo(10);
  }

  @Test
  void versionDiscoveryListsV21AsCurrent() {
    ApiClient.Response versions = new ApiClient(port, "any").get("/");
    assertThat(versions.status()).isEqualTo(200);
    JsonNode list = versions.body().get("versions");
    assertThat(list.valueStream().map(v -> v.get("id").asString()))
        .containsExactly("v2", "v2.0", "v2.1");
    assertThat(list.valueStream().map(v -> v.get("status").asString()))
        .containsExactly("SUPPORTED", "SUPPORTED", "CURRENT");
    assertThat(list.get(2).get("updated").asString()).isEqualTo("2023-01-25T00:00:00Z");
    assertThat(list.get(2).get("links").get(0).get("href").asString())
        .isEqualTo("http://127.0.0.1:" + port + "/v2");
  }

  @Test
  void theRequestedMicroversionIsEchoedAndAnUnsupportedOneIs406() {
    ApiClient client = new ApiClient(port, "versions");
    assertThat(client.get("/v2/zones").header("OpenStack-API-Version")).isNull();

    for (String version : new String[] {"2.0", "2.1"}) {
      ApiClient.Response response =
          client.withHeader("OpenStack-API-Version", "dns " + version).get("/v2/zones");
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("OpenStack-API-Version")).isEqualTo("dns " + version);
      assertThat(response.header("Vary")).contains("OpenStack-API-Version");
    }
    assertThat(
            client
                .withHeader("OpenStack-API-Version", "compute 2.60, DNS latest")
                .get("/v2/zones")
                .header("OpenStack-API-Version"))
        .isEqualTo("dns 2.1");
    // a header for another service only is no request for a dns version
    ApiClient.Response other =
        client.withHeader("OpenStack-API-Version", "compute 2.60").get("/v2/zones");
    assertThat(other.status()).isEqualTo(200);
    assertThat(other.header("OpenStack-API-Version")).isNull();

    for (String version : new String[] {"2.2", "3.0", "1.9"}) {
      ApiClient.Response refused =
          client.withHeader("OpenStack-API-Version", "dns " + version).get("/v2/zones");
      assertThat(refused.status()).isEqualTo(406);
      assertThat(refused.body().get("type").asString()).isEqualTo("not_acceptable");
      assertThat(refused.body().get("message").asString())
          .contains("Minimum is 2.0 and maximum is 2.1");
    }
    ApiClient.Response malformed =
        client.withHeader("OpenStack-API-Version", "dns two").get("/v2/zones");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.body().get("type").asString()).isEqualTo("bad_request");
  }
}
