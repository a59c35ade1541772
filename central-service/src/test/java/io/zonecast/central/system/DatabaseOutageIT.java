package io.zonecast.central.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Central's database goes away (its connections terminated, new ones refused, as in a restart or an
 * outage of PostgreSQL): the API answers 503 with {@code Retry-After} and Designate's error body,
 * not 500, and answers again as soon as the database takes connections.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseOutageIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("central_outage_it");
  static final String DATABASE = DB.substring(DB.lastIndexOf('/') + 1);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add(
        "zonecast.central.pools-file",
        () -> DatabaseOutageIT.class.getResource("/test-pools.yaml").getPath());
    // the pool gives up waiting for a connection after a second, not the default 30
    registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @LocalServerPort int port;

  @Test
  void anUnreachableDatabaseIsA503WithRetryAfterAndTheApiRecoversWithIt() throws SQLException {
    ApiClient api = new ApiClient(port, "outage-it");
    assertThat(api.get("/v2/zones").status()).isEqualTo(200);

    try (Connection admin = admin();
        Statement sql = admin.createStatement()) {
      try {
        cutOff(sql);

        assertUnavailable(api.get("/v2/zones"));
        assertUnavailable(api.post("/v2/zones", zone()));
        assertUnavailable(api.get("/v2/zones/" + UUID.randomUUID()));
      } finally {
        restore(sql);
      }
    }

    assertRecovered(api);
  }

  @Test
  void aRequestWhoseConnectionIsCutWhileItWaitsForTheDatabaseIsA503Too() throws Exception {
    ApiClient api = new ApiClient(port, "outage-it-midway").withHeader("X-Roles", "admin");
    try (Connection holder = DriverManager.getConnection(DB, infra.pgUser(), infra.pgPassword());
        Connection admin = admin();
        Statement sql = admin.createStatement()) {
      // the request waits on this lock with its connection open, as one does that a restart of
      // PostgreSQL catches midway (quotas: no background task of central reads them)
      holder.setAutoCommit(false);
      holder.createStatement().execute("lock table quotas in access exclusive mode");
      CompletableFuture<ApiClient.Response> inFlight =
          CompletableFuture.supplyAsync(() -> api.get("/v2/quotas/outage-it-midway"));
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> waitingOnALock(sql));
      try {
        cutOff(sql);

        assertUnavailable(inFlight.get(60, TimeUnit.SECONDS));
      } finally {
        restore(sql);
      }
    }

    assertRecovered(api);
  }

  /** A connection to another database: a session cannot disallow connections to its own. */
  static Connection admin() throws SQLException {
    return DriverManager.getConnection(
        infra.jdbcUrl("postgres"), infra.pgUser(), infra.pgPassword());
  }

  /** New connections to central's database refused, and every open one terminated. */
  static void cutOff(Statement admin) throws SQLException {
    admin.execute("alter database " + DATABASE + " allow_connections false");
    admin.execute(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
            + DATABASE
            + "'");
  }

  static void restore(Statement admin) throws SQLException {
    admin.execute("alter database " + DATABASE + " allow_connections true");
  }

  static boolean waitingOnALock(Statement admin) throws SQLException {
    try (ResultSet rs =
        admin.executeQuery(
            "select count(*) from pg_stat_activity where datname = '"
                + DATABASE
                + "' and wait_event_type = 'Lock' and query like '%from quotas%'")) {
      return rs.next() && rs.getInt(1) > 0;
    }
  }

  /** Once the database takes connections again, changes are taken as before. */
  static void assertRecovered(ApiClient api) {
    ApiClient.Response created =
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> api.post("/v2/zones", zone()), r -> r.status() != 503);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
    assertThat(api.get("/v2/zones").status()).isEqualTo(200);
  }

  static void assertUnavailable(ApiClient.Response response) {
    assertThat(response.status()).as("%s", response.body()).isEqualTo(503);
    assertThat(response.header("Retry-After")).isEqualTo("5");
    assertThat(response.body().get("code").asInt()).isEqualTo(503);
    assertThat(response.body().get("type").asString()).isEqualTo("service_unavailable");
    assertThat(response.body().get("message").asString())
        .isEqualTo("The zone database cannot be reached; try again later");
    assertThat(response.body().get("request_id").asString())
        .isEqualTo(response.header("X-OpenStack-Request-ID"));
  }

  static String zone() {
    return "{\"name\":\"o"
        + UUID.randomUUID().toString().substring(0, 8)
        + ".example.org.\",\"email\":\"h@example.org\"}";
  }
}
