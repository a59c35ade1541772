package io.zonecast.central.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.central.CentralTestProperties;
import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.TestInfrastructure;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 16 finding 4, against a real PostgreSQL: the pool of test-pools.yaml has a bind9 target
 * without max_records_per_type, so BIND's default of 100 records per RRset applies. With the
 * project's recordset_records quota lifted, a recordset of 101 records is refused up front with a
 * 400 naming the limit (BIND 9.18.28+ would refuse the zone: "too many records (must not exceed
 * 100)"), on create and on update; 100 are accepted.
 */
// the database is dropped after the class: close the context too, or its heartbeat logs failures
// (with stack traces) into the tests that run after it
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TargetRecordLimitsIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("central_target_record_limits_it");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    CentralTestProperties.register(registry, DB, "/test-pools.yaml");
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  String project;
  ApiClient api;

  @BeforeEach
  void setUp() {
    project = "p-" + UUID.randomUUID().toString().substring(0, 8);
    api = new ApiClient(port, project).withHeader("X-Roles", "member");
    ApiClient everyone =
        new ApiClient(port, "admin-project")
            .withHeader("X-Roles", "admin")
            .withHeader("X-Auth-All-Projects", "True");
    ApiClient.Response quotas =
        everyone.patch(
            "/v2/quotas/" + project,
            "{\"recordset_records\":-1,\"zone_records\":-1,\"zone_recordsets\":-1}");
    assertThat(quotas.status()).as("quotas: %s", quotas.body()).isEqualTo(200);
  }

  static String addresses(int count) {
    return IntStream.rangeClosed(1, count)
        .mapToObj(i -> "\"192.0." + (2 + i / 250) + "." + (i % 250 + 1) + "\"")
        .collect(Collectors.joining(",", "[", "]"));
  }

  String createZone() {
    String name = "limits-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
    ApiClient.Response created =
        api.post("/v2/zones", "{\"name\":\"" + name + "\",\"email\":\"h@example.org\"}");
    assertThat(created.status()).as("zone: %s", created.body()).isEqualTo(202);
    return created.body().get("id").asString();
  }

  ApiClient.Response createA(String zoneId, String owner, int records) {
    String zone = api.get("/v2/zones/" + zoneId).body().get("name").asString();
    return api.post(
        "/v2/zones/" + zoneId + "/recordsets",
        "{\"name\":\""
            + owner
            + "."
            + zone
            + "\",\"type\":\"A\",\"records\":"
            + addresses(records)
            + "}");
  }

  @Test
  void aRecordsetOverTheTargetsMaxRecordsPerTypeIsRefusedNamingTheLimit() {
    String zoneId = createZone();

    ApiClient.Response over = createA(zoneId, "big", 101);

    assertThat(over.status()).isEqualTo(400);
    assertThat(over.body().get("type").asString()).isEqualTo("bad_request");
    assertThat(over.body().get("message").asString())
        .contains("101 records")
        .contains("at most 100")
        .contains("max_records_per_type");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from recordsets where zone_id = ?::uuid and name like 'big.%'",
                Long.class, zoneId))
        .isZero();
  }

  @Test
  void aRecordsetAtTheLimitIsAcceptedAndCannotGrowPastIt() {
    String zoneId = createZone();

    ApiClient.Response atLimit = createA(zoneId, "full", 100);
    assertThat(atLimit.status()).as("100 records: %s", atLimit.body()).isEqualTo(202);

    ApiClient.Response grown =
        api.put(
            "/v2/zones/" + zoneId + "/recordsets/" + atLimit.body().get("id").asString(),
            "{\"records\":" + addresses(101) + "}");
    assertThat(grown.status()).isEqualTo(400);
    assertThat(grown.body().get("message").asString()).contains("at most 100");
  }
}
