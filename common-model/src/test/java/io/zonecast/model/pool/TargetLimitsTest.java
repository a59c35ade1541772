package io.zonecast.model.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TargetLimitsTest {

  static Pool.Target target(String type, Map<String, String> options) {
    return new Pool.Target(type, type + " target", List.of(), options);
  }

  @Test
  void aBind9TargetHasBindsDefaultOfAHundredRecordsPerType() {
    assertThat(TargetLimits.maxRecordsPerType(target("bind9", Map.of()))).hasValue(100);
    assertThat(TargetLimits.maxRecordsPerType(target("bind9_catalog", Map.of()))).hasValue(100);
    assertThat(TargetLimits.maxRecordsPerType(target("knot", Map.of()))).isEmpty();
  }

  @Test
  void theOptionSetsTheLimitAndZeroLiftsIt() {
    assertThat(
            TargetLimits.maxRecordsPerType(
                target("bind9", Map.of(TargetLimits.MAX_RECORDS_PER_TYPE, "500"))))
        .hasValue(500);
    assertThat(
            TargetLimits.maxRecordsPerType(
                target("bind9", Map.of(TargetLimits.MAX_RECORDS_PER_TYPE, "0"))))
        .isEqualTo(OptionalInt.empty());
    assertThat(
            TargetLimits.maxRecordsPerType(
                target("knot", Map.of(TargetLimits.MAX_RECORDS_PER_TYPE, "50"))))
        .hasValue(50);
  }

  @Test
  void thePoolsLimitIsItsSmallestTargets() {
    Pool pool =
        new Pool(
            Pool.DEFAULT_POOL_ID,
            "p",
            "",
            Map.of(),
            List.of(new Pool.NsRecord("ns1.example.org.", 1)),
            List.of(),
            List.of(
                target("knot", Map.of()),
                target("bind9", Map.of(TargetLimits.MAX_RECORDS_PER_TYPE, "300")),
                target("bind9_catalog", Map.of())),
            List.of());

    assertThat(TargetLimits.smallest(pool))
        .contains(new TargetLimits.Limit(100, "bind9_catalog target"));
  }

  @Test
  void aPoolsFileWithABadLimitIsRefused() {
    String yaml =
        """
        - name: default
          ns_records: [{hostname: ns1.example.org.}]
          targets:
            - type: bind9
              options: {host: 127.0.0.1, max_records_per_type: many}
        """;
    assertThatThrownBy(() -> PoolsFile.parse(new StringReader(yaml), "pools.yaml"))
        .isInstanceOf(InvalidPoolsFileException.class)
        .hasMessageContaining("max_records_per_type 'many' is not a number");
  }
}
