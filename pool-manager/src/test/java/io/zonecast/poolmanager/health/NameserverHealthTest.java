package io.zonecast.poolmanager.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.poolmanager.dns.SoaProbe;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameserverHealthTest {

  private static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");

  @Test
  void lagFollowsSerialArithmetic() {
    assertThat(NameserverHealth.lag(110, 100)).isEqualTo(10);
    assertThat(NameserverHealth.lag(100, 100)).isZero();
    assertThat(NameserverHealth.lag(100, 110)).isZero();
    assertThat(NameserverHealth.lag(5, 4294967290L)).isEqualTo(11);
  }

  @Test
  void theMostLaggingZoneGivesTheLagAndMissingZonesAreCounted() {
    NameserverHealth health =
        NameserverHealth.of(
            "127.0.0.1:53",
            List.of("127.0.0.1"),
            List.of(
                new NameserverHealth.Sample(200, new SoaProbe.Serves(190)),
                new NameserverHealth.Sample(300, new SoaProbe.Serves(250)),
                new NameserverHealth.Sample(400, new SoaProbe.Missing("REFUSED"))),
            null,
            T0);
    assertThat(health.up()).isTrue();
    assertThat(health.serialLag()).isEqualTo(50);
    assertThat(health.zonesMissing()).isEqualTo(1);
    assertThat(health.lastError()).isNull();
    assertThat(health.json()).containsEntry("addresses", List.of("127.0.0.1"));
  }

  @Test
  void noAnswerIsDownAndTheErrorIsKeptAfterTheNameserverIsBack() {
    NameserverHealth down =
        NameserverHealth.of(
            "127.0.0.1:53",
            List.of("127.0.0.1"),
            List.of(new NameserverHealth.Sample(1, new SoaProbe.Unreachable("timed out"))),
            null,
            T0);
    assertThat(down.up()).isFalse();
    assertThat(down.lastError()).isEqualTo("timed out");

    NameserverHealth back =
        NameserverHealth.of(
            "127.0.0.1:53",
            List.of("127.0.0.1"),
            List.of(new NameserverHealth.Sample(1, new SoaProbe.Serves(1))),
            down,
            T0.plusSeconds(10));
    assertThat(back.up()).isTrue();
    assertThat(back.lastError()).isEqualTo("timed out");
    assertThat(back.lastErrorAt()).isEqualTo(T0);
  }
}
