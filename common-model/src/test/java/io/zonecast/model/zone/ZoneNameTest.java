package io.zonecast.model.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ZoneNameTest {

  @Test
  void acceptsAndLowerCasesAFullyQualifiedName() {
    assertThat(ZoneName.parse("Example.ORG.").value()).isEqualTo("example.org.");
    assertThat(ZoneName.parse("xn--bcher-kva.example.").value())
        .isEqualTo("xn--bcher-kva.example.");
    assertThat(ZoneName.parse("_tcp.example.org.").value()).isEqualTo("_tcp.example.org.");
  }

  @Test
  void refusesNamesWithoutTrailingDot() {
    assertThatThrownBy(() -> ZoneName.parse("example.org"))
        .hasMessageContaining("ending with a dot");
  }

  @Test
  void refusesBareTldsEmptyAndLongLabels() {
    assertThatThrownBy(() -> ZoneName.parse("org.")).hasMessageContaining("two labels");
    assertThatThrownBy(() -> ZoneName.parse("a..org.")).hasMessageContaining("empty label");
    assertThatThrownBy(() -> ZoneName.parse("a".repeat(64) + ".org."))
        .hasMessageContaining("longer than 63");
    String longName = ("a".repeat(60) + ".").repeat(5);
    assertThatThrownBy(() -> ZoneName.parse(longName)).hasMessageContaining("255");
  }

  @Test
  void refusesBadCharactersAndHyphenEdges() {
    assertThatThrownBy(() -> ZoneName.parse("exa mple.org.")).hasMessageContaining("may contain");
    assertThatThrownBy(() -> ZoneName.parse("-example.org.")).hasMessageContaining("may contain");
    assertThatThrownBy(() -> ZoneName.parse("bücher.org.")).hasMessageContaining("punycode");
  }

  @Test
  void whitespaceAndControlCharactersAroundANameAreRefusedNotTrimmed() {
    assertThatThrownBy(() -> ZoneName.parse(" example.org.")).hasMessageContaining("may contain");
    assertThatThrownBy(() -> ZoneName.parse("example.org.\n"))
        .hasMessageContaining("ending with a dot");
    assertThatThrownBy(() -> ZoneName.parse("\u0000example.org."))
        .hasMessageContaining("may contain");
  }

  @Test
  void internationalisedNamesAreTakenAsPunycodeAndAUnicodeNameIsToldItsPunycode() {
    assertThat(ZoneName.parse("xn--bcher-kva.example.").value())
        .isEqualTo("xn--bcher-kva.example.");
    assertThatThrownBy(() -> ZoneName.parse("bücher.example."))
        .isInstanceOf(InvalidNameException.class)
        .hasMessageContaining("punycode")
        .hasMessageContaining("'xn--bcher-kva'");
  }

  @Test
  void containsTheApexAndNamesBelowButNotLookalikes() {
    ZoneName zone = ZoneName.parse("example.org.");
    assertThat(zone.contains("example.org.")).isTrue();
    assertThat(zone.contains("www.example.org.")).isTrue();
    assertThat(zone.contains("badexample.org.")).isFalse();
  }
}
