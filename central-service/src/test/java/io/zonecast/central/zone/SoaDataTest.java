package io.zonecast.central.zone;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.central.system.CentralProperties;
import org.junit.jupiter.api.Test;

class SoaDataTest {

  @Test
  void rnameEscapesDotsInTheLocalPart() {
    assertThat(SoaData.rname("hostmaster@example.org")).isEqualTo("hostmaster.example.org.");
    assertThat(SoaData.rname("john.doe@example.org")).isEqualTo("john\\.doe.example.org.");
  }

  @Test
  void soaCarriesTheSerialAboveTwoToThe31() {
    assertThat(
            SoaData.of(
                "ns1.example.org.",
                "a@example.org",
                3_000_000_000L,
                new CentralProperties.Soa(3600, 600, 86400, 3600)))
        .isEqualTo("ns1.example.org. a.example.org. 3000000000 3600 600 86400 3600");
  }
}
