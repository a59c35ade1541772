package io.zonecast.central.recordset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonecast.central.system.ApiException;
import io.zonecast.model.zone.ZoneName;
import org.junit.jupiter.api.Test;

class RecordsetNameTest {

  private final ZoneName zone = ZoneName.parse("example.org.");

  @Test
  void acceptsTheApexNamesBelowItAndALeadingWildcard() {
    assertThat(RecordsetName.check("example.org.", zone)).isEqualTo("example.org.");
    assertThat(RecordsetName.check("WWW.Example.org.", zone)).isEqualTo("www.example.org.");
    assertThat(RecordsetName.check("*.example.org.", zone)).isEqualTo("*.example.org.");
    assertThat(RecordsetName.check("_sip._tcp.example.org.", zone))
        .isEqualTo("_sip._tcp.example.org.");
  }

  @Test
  void refusesNamesOutsideTheZoneOrMalformed() {
    assertThatThrownBy(() -> RecordsetName.check("www.example.com.", zone))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("not in zone");
    assertThatThrownBy(() -> RecordsetName.check("badexample.org.", zone))
        .hasMessageContaining("not in zone");
    assertThatThrownBy(() -> RecordsetName.check("www.example.org", zone))
        .hasMessageContaining("end with a dot");
    assertThatThrownBy(() -> RecordsetName.check("a.*.example.org.", zone))
        .hasMessageContaining("invalid label");
    assertThatThrownBy(() -> RecordsetName.check("a b.example.org.", zone))
        .hasMessageContaining("invalid label");
  }
}
