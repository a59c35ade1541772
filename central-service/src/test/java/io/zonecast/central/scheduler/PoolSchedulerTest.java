package io.zonecast.central.scheduler;

import static io.zonecast.central.scheduler.Pools.ADMIN;
import static io.zonecast.central.scheduler.Pools.MEMBER;
import static io.zonecast.central.scheduler.Pools.pool;
import static io.zonecast.central.scheduler.Pools.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonecast.central.system.ApiException;
import io.zonecast.model.pool.Pool;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class PoolSchedulerTest {

  static final Pool STANDARD = pool("standard", Map.of("tier", "standard"));
  static final Pool GOLD = pool("gold", Map.of("tier", "gold"));
  static final Pool PLAIN = pool("plain", Map.of());
  static final List<Pool> POOLS = List.of(STANDARD, GOLD);

  static PoolScheduler scheduler(String... filters) {
    return new PoolScheduler(null, PoolScheduler.filters(List.of(filters), new Random(1)));
  }

  static final PoolScheduler DEFAULTS =
      scheduler("attribute", "pool_id_attribute", "in_doubt_default_pool");

  @Test
  void theDefaultFiltersPlaceAZoneByItsAttributes() {
    assertThat(DEFAULTS.schedule(request(Map.of("tier", "gold"), MEMBER, POOLS, STANDARD)))
        .isEqualTo(GOLD);
    assertThat(DEFAULTS.schedule(request(Map.of("tier", "standard"), MEMBER, POOLS, STANDARD)))
        .isEqualTo(STANDARD);
  }

  @Test
  void theDefaultFiltersPlaceAZoneWithoutAttributesInTheDefaultPool() {
    assertThat(DEFAULTS.schedule(request(Map.of(), MEMBER, POOLS, STANDARD))).isEqualTo(STANDARD);
  }

  @Test
  void anAdminsPoolIdForcesThePool() {
    assertThat(
            DEFAULTS.schedule(
                request(Map.of("pool_id", GOLD.id().toString()), ADMIN, POOLS, STANDARD)))
        .isEqualTo(GOLD);
  }

  @Test
  void noPoolLeftIsNoValidPoolFound() {
    assertThatThrownBy(
            () -> DEFAULTS.schedule(request(Map.of("tier", "platinum"), MEMBER, POOLS, STANDARD)))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND);
              assertThat(e.type()).isEqualTo("no_valid_pool_found");
              assertThat(e.getMessage()).contains("platinum");
            });
  }

  @Test
  void fallbackTurnsNoPoolIntoTheDefaultPool() {
    assertThat(
            scheduler("attribute", "fallback")
                .schedule(request(Map.of("tier", "platinum"), MEMBER, POOLS, STANDARD)))
        .isEqualTo(STANDARD);
  }

  @Test
  void severalPoolsLeftIsMultiplePoolsFound() {
    List<Pool> pools = List.of(STANDARD, GOLD, PLAIN);
    // PLAIN has no attributes, so it fits a gold zone too; nothing decides between GOLD and PLAIN
    assertThatThrownBy(() ->
            scheduler("attribute")
                .schedule(request(Map.of("tier", "gold"), MEMBER, pools, STANDARD)))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
              assertThat(e.type()).isEqualTo("multiple_pools_found");
            });
    assertThat(
            scheduler("attribute", "random")
                .schedule(request(Map.of("tier", "gold"), MEMBER, pools, STANDARD)))
        .isIn(GOLD, PLAIN);
  }

  @Test
  void defaultPoolAloneIgnoresAttributes() {
    assertThat(
            scheduler("default_pool")
                .schedule(request(Map.of("tier", "gold"), MEMBER, POOLS, STANDARD)))
        .isEqualTo(STANDARD);
  }

  @Test
  void anUnknownOrEmptyFilterListStopsTheStart() {
    assertThatThrownBy(() -> PoolScheduler.filters(List.of("attribute", "nearest"), new Random()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'nearest'")
        .hasMessageContaining("in_doubt_default_pool");
    assertThatThrownBy(() -> PoolScheduler.filters(List.of(), new Random()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("zonecast.central.scheduler.filters");
  }

  @Test
  void attributesBreakingDesignatesLimitsAreRejected() {
    assertThatThrownBy(() -> ZoneAttributes.of(Map.of("tier", "g".repeat(51))))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.type()).isEqualTo("invalid_object"))
        .hasMessageContaining("'tier'");
    assertThatThrownBy(() -> ZoneAttributes.of(Map.of("k".repeat(51), "gold")))
        .hasMessageContaining("longer than 50");
    assertThatThrownBy(() -> ZoneAttributes.of(Map.of(" ", "gold"))).hasMessageContaining("empty");
  }
}
