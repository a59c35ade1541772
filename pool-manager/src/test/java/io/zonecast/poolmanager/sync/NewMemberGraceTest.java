package io.zonecast.poolmanager.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.model.pool.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NewMemberGraceTest {

  static final Instant NOW = Instant.parse("2026-12-05T03:00:00Z");
  final NewMemberGrace grace =
      new NewMemberGrace(Duration.ofMinutes(15), Clock.fixed(NOW, ZoneOffset.UTC));

  static Pool.Target target(String type) {
    return new Pool.Target(type, "", List.of(), Map.of());
  }

  @Test
  void aCatalogTargetFailingANewMemberIsLeftToItsOwnTransferQueue() {
    assertThat(grace.notifyFailing(target("bind9_catalog"), NOW.minus(Duration.ofMinutes(3))))
        .isFalse();
  }

  @Test
  void aCatalogTargetStillFailingAMemberAfterTheGraceIsNotified() {
    assertThat(grace.notifyFailing(target("bind9_catalog"), NOW.minus(Duration.ofMinutes(15))))
        .isTrue();
    assertThat(grace.notifyFailing(target("bind9_catalog"), NOW.minus(Duration.ofDays(2))))
        .isTrue();
  }

  @Test
  void aTargetGivenZonesOneByOneIsNotifiedOfANewZoneAtOnce() {
    assertThat(grace.notifyFailing(target("bind9"), NOW.minus(Duration.ofMinutes(3)))).isTrue();
  }
}
