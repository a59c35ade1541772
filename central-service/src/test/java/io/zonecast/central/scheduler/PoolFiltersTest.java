package io.zonecast.central.scheduler;

import static io.zonecast.central.scheduler.Pools.ADMIN;
import static io.zonecast.central.scheduler.Pools.MEMBER;
import static io.zonecast.central.scheduler.Pools.pool;
import static io.zonecast.central.scheduler.Pools.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonecast.central.system.ApiException;
import io.zonecast.model.pool.Pool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class PoolFiltersTest {

  static final Pool STANDARD = pool("standard", Map.of("tier", "standard"));
  static final Pool GOLD = pool("gold", Map.of("tier", "gold", "fast_ttl", "true"));
  static final Pool PLAIN = pool("plain", Map.of());
  static final List<Pool> ALL = List.of(STANDARD, GOLD, PLAIN);

  final AttributeFilter attribute = new AttributeFilter();
  final PoolIdAttributeFilter poolId = new PoolIdAttributeFilter();

  @Test
  void attributeKeepsThePoolsMatchingEveryAttributeAndThoseWithoutAttributes() {
    assertThat(attribute.filter(ALL, request(Map.of("tier", "gold"), MEMBER, ALL, STANDARD)))
        .containsExactly(GOLD, PLAIN);
    assertThat(
            attribute.filter(
                ALL, request(Map.of("tier", "gold", "fast_ttl", "yes"), MEMBER, ALL, STANDARD)))
        .containsExactly(GOLD, PLAIN);
    assertThat(
            attribute.filter(
                ALL, request(Map.of("tier", "gold", "fast_ttl", "no"), MEMBER, ALL, STANDARD)))
        .containsExactly(PLAIN);
  }

  @Test
  void attributeDropsAPoolWithoutOneOfTheZonesAttributes() {
    assertThat(
            attribute.filter(
                ALL, request(Map.of("tier", "standard", "pops", "eu"), MEMBER, ALL, STANDARD)))
        .containsExactly(PLAIN);
  }

  @Test
  void attributeComparesOtherValuesExactly() {
    assertThat(attribute.filter(ALL, request(Map.of("tier", "Gold"), MEMBER, ALL, STANDARD)))
        .containsExactly(PLAIN);
  }

  @Test
  void attributeIgnoresTheZonesPoolId() {
    assertThat(
            attribute.filter(
                ALL,
                request(
                    Map.of("tier", "gold", "pool_id", STANDARD.id().toString()),
                    ADMIN,
                    ALL,
                    STANDARD)))
        .containsExactly(GOLD, PLAIN);
  }

  @Test
  void booleanSpellingsAreTheSameValue() {
    for (String yes : List.of("1", "t", "True", "on", "Y", "yes ")) {
      assertThat(AttributeFilter.sameValue("true", yes)).as(yes).isTrue();
      assertThat(AttributeFilter.sameValue("false", yes)).as(yes).isFalse();
    }
    for (String no : List.of("0", "f", "FALSE", "off", "n", "No")) {
      assertThat(AttributeFilter.sameValue("no", no)).as(no).isTrue();
    }
    assertThat(AttributeFilter.sameValue("gold", "gold")).isTrue();
    assertThat(AttributeFilter.sameValue("gold", "true")).isFalse();
  }

  @Property
  void attributeOnlyEverRemovesPools(
      @ForAll("pools") List<Pool> pools, @ForAll("attributes") Map<String, String> zone) {
    List<Pool> kept = attribute.filter(pools, request(zone, MEMBER, pools, pools.getFirst()));
    assertThat(pools).containsAll(kept);
    assertThat(kept).isSortedAccordingTo((a, b) -> pools.indexOf(a) - pools.indexOf(b));
    assertThat(kept).containsAll(pools.stream().filter(p -> p.attributes().isEmpty()).toList());
  }

  @Property
  void aPoolOfferingEveryAttributeOfTheZoneIsKept(
      @ForAll("attributes") Map<String, String> zone,
      @ForAll("attributes") Map<String, String> more) {
    Map<String, String> offered = new HashMap<>(more);
    offered.putAll(zone);
    Pool offering = pool("offering", offered);
    assertThat(attribute.filter(List.of(offering), request(zone, MEMBER, ALL, STANDARD)))
        .containsExactly(offering);
  }

  @Property
  void aZoneWithoutAttributesFitsEveryPool(@ForAll("pools") List<Pool> pools) {
    assertThat(attribute.filter(pools, request(Map.of(), MEMBER, pools, pools.getFirst())))
        .isEqualTo(pools);
  }

  @Provide
  Arbitrary<Map<String, String>> attributes() {
    return Arbitraries.maps(
            Arbitraries.of("tier", "pops", "fast_ttl", "region"),
            Arbitraries.of("gold", "standard", "true", "yes", "no", "eu"))
        .ofMaxSize(4);
  }

  @Provide
  Arbitrary<List<Pool>> pools() {
    return attributes()
        .list()
        .ofMinSize(1)
        .ofMaxSize(5)
        .map(list -> {
          List<Pool> pools = new ArrayList<>();
          for (int i = 0; i < list.size(); i++) {
            pools.add(pool("pool" + i, list.get(i)));
          }
          return pools;
        });
  }

  @Test
  void poolIdAttributeLetsAnAdminChooseThePool() {
    assertThat(
            poolId.filter(
                ALL, request(Map.of("pool_id", GOLD.id().toString()), ADMIN, ALL, STANDARD)))
        .containsExactly(GOLD);
  }

  @Test
  void poolIdAttributeIsForbiddenToOthers() {
    assertThatThrownBy(() ->
            poolId.filter(
                ALL, request(Map.of("pool_id", GOLD.id().toString()), MEMBER, ALL, STANDARD)))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN);
              assertThat(e.getMessage()).contains("pool_id");
            });
  }

  @Test
  void poolIdAttributeNamingNoCandidateLeavesNone() {
    assertThat(
            poolId.filter(
                List.of(STANDARD),
                request(Map.of("pool_id", GOLD.id().toString()), ADMIN, ALL, STANDARD)))
        .isEmpty();
    assertThat(
            poolId.filter(
                ALL,
                request(
                    Map.of("pool_id", "00000000-0000-0000-0000-000000000001"),
                    ADMIN,
                    ALL,
                    STANDARD)))
        .isEmpty();
  }

  @Test
  void poolIdAttributeMustBeAUuid() {
    assertThatThrownBy(
            () -> poolId.filter(ALL, request(Map.of("pool_id", "gold"), ADMIN, ALL, STANDARD)))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
              assertThat(e.type()).isEqualTo("invalid_object");
              assertThat(e.getMessage()).contains("'gold'");
            });
  }

  @Test
  void poolIdAttributeLeavesTheCandidatesWithoutIt() {
    assertThat(poolId.filter(ALL, request(Map.of("tier", "gold"), MEMBER, ALL, STANDARD)))
        .isEqualTo(ALL);
  }

  @Test
  void defaultPoolIsAlwaysTheDefaultPool() {
    DefaultPoolFilter filter = new DefaultPoolFilter();
    assertThat(filter.filter(List.of(GOLD), request(Map.of(), MEMBER, ALL, STANDARD)))
        .containsExactly(STANDARD);
    assertThat(filter.filter(List.of(), request(Map.of(), MEMBER, ALL, STANDARD)))
        .containsExactly(STANDARD);
  }

  @Test
  void fallbackGivesTheDefaultPoolOnlyWhenNoneIsLeft() {
    FallbackFilter filter = new FallbackFilter();
    assertThat(filter.filter(List.of(), request(Map.of(), MEMBER, ALL, STANDARD)))
        .containsExactly(STANDARD);
    assertThat(filter.filter(List.of(GOLD, PLAIN), request(Map.of(), MEMBER, ALL, STANDARD)))
        .containsExactly(GOLD, PLAIN);
  }

  @Test
  void inDoubtDefaultPoolPicksTheDefaultPoolOnlyAmongSeveral() {
    InDoubtDefaultPoolFilter filter = new InDoubtDefaultPoolFilter();
    assertThat(filter.filter(ALL, request(Map.of(), MEMBER, ALL, STANDARD)))
        .containsExactly(STANDARD);
    assertThat(filter.filter(List.of(GOLD, PLAIN), request(Map.of(), MEMBER, ALL, STANDARD)))
        .containsExactly(GOLD, PLAIN);
    assertThat(filter.filter(List.of(GOLD), request(Map.of(), MEMBER, ALL, STANDARD)))
        .containsExactly(GOLD);
    assertThat(filter.filter(List.of(), request(Map.of(), MEMBER, ALL, STANDARD))).isEmpty();
  }

  @Property
  void randomLeavesOneOfTheCandidates(
      @ForAll("pools") List<Pool> pools, @ForAll @IntRange(min = 0, max = 1000) int seed) {
    List<Pool> left =
        new RandomFilter(new Random(seed))
            .filter(pools, request(Map.of(), MEMBER, pools, pools.getFirst()));
    assertThat(left).hasSize(1);
    assertThat(pools).contains(left.getFirst());
  }
}
