package io.zonecast.central.recordset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonecast.central.system.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordDataTest {

  private static List<String> normalize(String type, String... data) {
    return RecordData.normalize(type, "www.example.org.", "example.org.", List.of(data));
  }

  @Test
  void acceptsValidRecordsAndMakesNamesAbsolute() {
    assertThat(normalize("A", "192.0.2.1")).containsExactly("192.0.2.1");
    assertThat(normalize("AAAA", "2001:DB8::1")).containsExactly("2001:db8::1");
    assertThat(normalize("MX", "10 mail")).containsExactly("10 mail.example.org.");
    assertThat(normalize("SRV", "10 5 5060 sip.example.org."))
        .containsExactly("10 5 5060 sip.example.org.");
    assertThat(normalize("CAA", "0 issue \"letsencrypt.org\"")).hasSize(1);
    assertThat(normalize("TXT", "\"v=spf1 -all\"")).containsExactly("\"v=spf1 -all\"");
  }

  @Test
  void refusesBadRdataNamingTheRecord() {
    assertThatThrownBy(() -> normalize("A", "192.0.2.1", "999.1.1.1"))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("records[1]");
    assertThatThrownBy(() -> normalize("AAAA", "192.0.2.1")).hasMessageContaining("AAAA");
    assertThatThrownBy(() -> normalize("MX", "mail.example.org.")).hasMessageContaining("MX");
    assertThatThrownBy(() -> normalize("TXT", "\"" + "x".repeat(256) + "\""))
        .hasMessageContaining("TXT");
    assertThatThrownBy(() -> normalize("A", "192.0.2.1 extra")).hasMessageContaining("records[0]");
  }

  @Test
  void refusesDuplicatesEmptyListsAndMultilineData() {
    assertThatThrownBy(() -> normalize("A", "192.0.2.1", "192.0.2.1"))
        .hasMessageContaining("duplicate");
    assertThatThrownBy(() -> normalize("A")).hasMessageContaining("at least one");
    assertThatThrownBy(() -> normalize("TXT", "\"a\"\n\"b\"")).hasMessageContaining("lines");
  }

  @Test
  void typesAreCaseInsensitiveAndUnknownOnesRefused() {
    assertThat(RecordData.type("aaaa")).isEqualTo("AAAA");
    assertThatThrownBy(() -> RecordData.type("WKS")).hasMessageContaining("not supported");
  }
}
