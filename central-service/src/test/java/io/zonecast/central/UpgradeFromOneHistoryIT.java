package io.zonecast.central;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.InstallationBeforeOwners;
import io.zonecast.testsupport.InstallationBeforeOwners.Migration;
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

/**
 * An installation migrated before tables had owners (every migration up to V60 in one location and
 * one history, run by central) upgrades by starting this central-service on it: no manual step, the
 * old history kept row for row, central's new migration applied, the API working.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UpgradeFromOneHistoryIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("central_upgrade_it");
  static final InstallationBeforeOwners BEFORE =
      InstallationBeforeOwners.at(infra, DB, UUID.randomUUID());

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add(
        "zonecast.central.pools-file",
        () -> UpgradeFromOneHistoryIT.class.getResource("/test-pools.yaml").getPath());
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theOldHistoryStaysAsItWasAndCentralsNewMigrationFollowsIt() {
    assertThat(BEFORE.historyBefore()).hasSize(20).allMatch(Migration::success);
    assertThat(BEFORE.appliedSince(BEFORE.historyBefore()))
        .allMatch(Migration::success)
        .extracting(Migration::version)
        .containsExactlyElementsOf(InstallationBeforeOwners.CENTRAL_SINCE);
  }

  @Test
  void theZonesOfTheOldInstallationArePublishedAndNewOnesAreCreated() {
    assertThat(
            jdbc.queryForList(
                "select name from published.zones where project_id = 'upgrade'", String.class))
        .containsExactly(InstallationBeforeOwners.ZONE);

    String name = "after-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
    ApiClient.Response created =
        new ApiClient(port, "upgrade")
            .post("/v2/zones", "{\"name\":\"" + name + "\",\"email\":\"h@example.org\"}");
    assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
    assertThat(
            jdbc.queryForObject(
                "select serial from published.zones where name = ?", Long.class, name))
        .isPositive();
  }
}
