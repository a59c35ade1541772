package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one start-timeout setting, -Dzonecast.start-timeout, in seconds or as a Duration. */
class ServiceProcessTest {

  @Test
  void startTimeoutIsSecondsOrAnIsoDurationAndNinetySecondsWhenUnset() {
    assertThat(ServiceProcess.startTimeout(null)).isEqualTo(Duration.ofSeconds(90));
    assertThat(ServiceProcess.startTimeout("300")).isEqualTo(Duration.ofSeconds(300));
    assertThat(ServiceProcess.startTimeout("PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThatThrownBy(() -> ServiceProcess.startTimeout("5 minutes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zonecast.start-timeout");
  }
}
