package io.zonecast.poolmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.poolmanager.pool.Pools;
import io.zonecast.testsupport.Bind9Secondary;
import io.zonecast.testsupport.InstallationBeforeOwners;
import io.zonecast.testsupport.InstallationBeforeOwners.Migration;
import io.zonecast.testsupport.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An installation migrated before tables had owners (every migration up to V60 in one location and
 * one history, run by central) upgrades with the pool manager started first: it adds its own
 * migrations (V71, V72) to the same history, central's newer code then adds its own below them
 * (out-of-order), and the pool manager reads central's zones through the view V70 publishes. No
 * manual step, the old history kept row for row.
 */
@SpringBootTest(
    classes = PoolManagerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UpgradeFromOneHistoryIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("pool_manager_upgrade_it");
  static final UUID POOL = UUID.fromString("5e1f0c2a-0000-4000-8000-0000000c0de5");
  static final InstallationBeforeOwners BEFORE = InstallationBeforeOwners.at(infra, DB, POOL);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    // a target nobody serves: the pool manager starts without one answering
    int nowhere = Bind9Secondary.freePort();
    Path pools = Files.createTempFile("zonecast-pools", ".yaml");
    Files.writeString(
        pools,
        """
        - name: upgrade
          id: %s
          ns_records:
            - {hostname: ns1.zonecast.test., priority: 1}
          nameservers:
            - {host: 127.0.0.1, port: %d}
          targets:
            - type: bind9
              masters: [{host: 127.0.0.1, port: %d}]
              options: {host: 127.0.0.1, port: %d, rndc_host: 127.0.0.1, rndc_port: %d}
        """
            .formatted(POOL, nowhere, nowhere, nowhere, nowhere));
    pools.toFile().deleteOnExit();
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add("zonecast.pool-manager.pools-file", pools::toString);
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired Pools.ZoneCounts zoneCounts;

  @Test
  void thePoolManagerUpgradesFirstAndCentralFollowsWithoutAManualStep() {
    assertThat(BEFORE.historyBefore()).hasSize(20).allMatch(Migration::success);
    List<Migration> started = BEFORE.historyNow();
    assertThat(BEFORE.appliedSince(BEFORE.historyBefore()))
        .allMatch(Migration::success)
        .extracting(Migration::version)
        .containsExactlyElementsOf(InstallationBeforeOwners.POOL_MANAGER_SINCE);
    assertThat(jdbc.queryForObject("select count(*) from published.zone_propagations", Long.class))
        .isZero();

    // central's new code starts on the same database: its migrations since V60 go in below the
    // pool manager's newer ones
    infra.migrateAs("central-service", DB);

    assertThat(BEFORE.appliedSince(started))
        .allMatch(Migration::success)
        .extracting(Migration::version)
        .containsExactlyElementsOf(InstallationBeforeOwners.CENTRAL_SINCE);
    assertThat(zoneCounts.zonesIn(POOL)).isEqualTo(1);
  }
}
