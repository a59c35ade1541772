package io.zonecast.poolmanager.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecoveryPropertiesTest {

  private final RecoveryProperties settings =
      new RecoveryProperties(
          Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(10), 100);

  @Test
  void backoffDoublesFromTheInitialWaitUpToTheCap() {
    assertThat(settings.backoff(0)).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.backoff(1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(settings.backoff(2)).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.backoff(4)).isEqualTo(Duration.ofMinutes(8));
    assertThat(settings.backoff(5)).isEqualTo(Duration.ofMinutes(10));
    assertThat(settings.backoff(1_000_000)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void aCapBelowTheInitialWaitIsRejected() {
    assertThatThrownBy(() ->
            new RecoveryProperties(
                Duration.ofSeconds(15), Duration.ofMinutes(1), Duration.ofSeconds(30), 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max-backoff");
  }
}
