package io.zonecast.central.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ZoneEmailTest {

  @Test
  void acceptsOrdinaryAddresses() {
    assertThat(ZoneEmail.check("hostmaster@example.org")).isEqualTo("hostmaster@example.org");
    assertThat(ZoneEmail.check("john.doe+dns@mail.example.org")).isNotNull();
  }

  @Test
  void refusesMissingOrDoubleAtAndBadDomains() {
    assertThatThrownBy(() -> ZoneEmail.check("example.org")).hasMessageContaining("not a valid");
    assertThatThrownBy(() -> ZoneEmail.check("a@b@example.org"))
        .hasMessageContaining("not a valid");
    assertThatThrownBy(() -> ZoneEmail.check("a@-bad-.org")).hasMessageContaining("not a valid");
    assertThatThrownBy(() -> ZoneEmail.check("a b@example.org"))
        .hasMessageContaining("not a valid");
    assertThatThrownBy(() -> ZoneEmail.check(null)).hasMessageContaining("required");
  }
}
