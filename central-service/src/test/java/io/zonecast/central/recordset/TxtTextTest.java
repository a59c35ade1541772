package io.zonecast.central.recordset;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonecast.central.system.ApiException;
import org.junit.jupiter.api.Test;

class TxtTextTest {

  @Test
  void quotedStringsUpTo255OctetsEachAreFine() {
    assertThatCode(
            () -> TxtText.check("\"" + "a".repeat(255) + "\" \"" + "b".repeat(255) + "\"", 0))
        .doesNotThrowAnyException();
    assertThatCode(() -> TxtText.check("\"v=spf1 -all\"", 0)).doesNotThrowAnyException();
    assertThatCode(() -> TxtText.check("single-token", 0)).doesNotThrowAnyException();
    assertThatCode(() -> TxtText.check("\"say \\\"hi\\\"\"", 0)).doesNotThrowAnyException();
    // \\255 is one octet, so 255 of them fit
    assertThatCode(() -> TxtText.check("\"" + "\\255".repeat(255) + "\"", 0))
        .doesNotThrowAnyException();
  }

  @Test
  void aStringOver255OctetsMustBeSplit() {
    assertThatThrownBy(() -> TxtText.check("\"" + "a".repeat(256) + "\"", 2))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("records[2]")
        .hasMessageContaining("split longer text into several quoted strings");
    assertThatThrownBy(() -> TxtText.check("a".repeat(256), 0))
        .hasMessageContaining("at most 255 octets");
    // multi-byte characters count as their UTF-8 octets
    assertThatThrownBy(() -> TxtText.check("\"" + "é".repeat(128) + "\"", 0))
        .hasMessageContaining("at most 255 octets");
  }

  @Test
  void unquotedSpacesAndUnclosedQuotesAreRefused() {
    assertThatThrownBy(() -> TxtText.check("has space", 0))
        .hasMessageContaining("cannot contain spaces");
    assertThatThrownBy(() -> TxtText.check("\"open", 0)).hasMessageContaining("not closed");
    assertThatThrownBy(() -> TxtText.check("\"trailing\\\"", 0)).hasMessageContaining("not closed");
    assertThatThrownBy(() -> TxtText.check("\"a\" b", 0))
        .hasMessageContaining("must be quoted too");
  }
}
