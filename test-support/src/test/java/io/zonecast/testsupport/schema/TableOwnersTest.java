package io.zonecast.testsupport.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableOwnersTest {

  static final String V10 = "V10__service_statuses_and_redrives.sql";

  final TableOwners owners = TableOwners.fromArchitectureDoc();

  @Test
  void zoneRedrivesIsThePoolManagersThoughTheRuntimesV10CreatedIt() {
    assertThat(owners.owners())
        .containsEntry("zone_redrives", "pool-manager")
        .containsEntry("service_statuses", "service-runtime");
    assertThat(owners.crossings())
        .filteredOn(c -> c.module().equals("service-runtime"))
        .singleElement()
        .satisfies(c -> {
          assertThat(c.where()).isEqualTo(V10);
          assertThat(c.tables()).containsExactly("zone_redrives");
          assertThat(c.why()).contains("historical exception");
        });
  }

  @Test
  void theV10ExceptionLetsOnlyThatMigrationCreateZoneRedrivesNotTheRuntimesCode() {
    assertThat(owners.crossingAllows("service-runtime", V10, "zone_redrives")).isTrue();
    assertThat(owners.crossingAllows("service-runtime", "InstallationId", "zone_redrives"))
        .isFalse();
    assertThat(owners.crossingAllows("service-runtime", "V40__installation.sql", "zone_redrives"))
        .isFalse();
    assertThat(owners.crossingAllows("central-service", V10, "zone_redrives")).isFalse();
  }

  @Test
  void onlyAMigrationFromBeforeTablesHadOwnersMayCross() {
    assertThat(
            TableOwners.mayCross(
                new TableOwners.Crossing("service-runtime", V10, Set.of("zone_redrives"), "")))
        .isTrue();
    assertThat(
            TableOwners.mayCross(
                new TableOwners.Crossing(
                    "service-runtime", "V75__more.sql", Set.of("zone_redrives"), "")))
        .isFalse();
    assertThat(
            TableOwners.mayCross(
                new TableOwners.Crossing("minidns", "SecondaryStore", Set.of("zones"), "")))
        .isTrue();
    TableOwners withANewCrossingMigration =
        new TableOwners(
            owners.owners(),
            List.of(
                new TableOwners.Crossing(
                    "service-runtime", "V75__more.sql", Set.of("zone_redrives"), "")));
    assertThat(SchemaBoundaries.violations("service-runtime", withANewCrossingMigration))
        .anyMatch(v -> v.startsWith("V75__more.sql: a migration after V60 may not cross"));
  }
}
