package io.zonecast.central.microversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonecast.central.system.ApiException;
import org.junit.jupiter.api.Test;

class ApiVersionTest {

  @Test
  void theDnsEntryOfTheHeaderIsRead() {
    assertThat(ApiVersion.requested("dns 2.1")).isEqualTo(new ApiVersion(2, 1));
    assertThat(ApiVersion.requested("compute 2.60, DNS  2.0")).isEqualTo(new ApiVersion(2, 0));
    assertThat(ApiVersion.requested("dns latest")).isEqualTo(ApiVersion.MAX);
    assertThat(ApiVersion.requested("compute 2.60")).isNull();
    assertThat(ApiVersion.requested(null)).isNull();
  }

  @Test
  void onlyVersionsFromTwoZeroToTwoOneAreSupported() {
    assertThat(new ApiVersion(2, 0).isSupported()).isTrue();
    assertThat(new ApiVersion(2, 1).isSupported()).isTrue();
    assertThat(new ApiVersion(2, 2).isSupported()).isFalse();
    assertThat(new ApiVersion(1, 9).isSupported()).isFalse();
    assertThat(new ApiVersion(3, 0).isSupported()).isFalse();
    assertThat(new ApiVersion(2, 10).compareTo(new ApiVersion(2, 9))).isPositive();
  }

  @Test
  void aMalformedVersionIsABadRequest() {
    for (String header : new String[] {"dns two", "dns 2", "dns 2.1.3", "dns -2.1", "dns 02.1"}) {
      assertThatThrownBy(() -> ApiVersion.requested(header))
          .as(header)
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.type()).isEqualTo("bad_request"));
    }
  }
}
