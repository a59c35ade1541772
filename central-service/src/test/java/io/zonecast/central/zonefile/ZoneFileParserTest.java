package io.zonecast.central.zonefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonecast.central.zonefile.ParsedZone.ParsedRecordset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZoneFileParserTest {

  static String fixture(String name) throws IOException {
    try (InputStream in = ZoneFileParserTest.class.getResourceAsStream("/zonefiles/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void soaGivesTheZoneAndTheOtherRecordsAreGroupedIntoRecordsets() throws Exception {
    ParsedZone zone = ZoneFileParser.parse(fixture("example.org.zone"));

    assertThat(zone.name()).isEqualTo("example.org.");
    assertThat(zone.email()).isEqualTo("host.master@example.org");
    assertThat(zone.ttl()).isEqualTo(3600);
    assertThat(zone.serial()).isEqualTo(2030010101L);
    assertThat(zone.recordsets())
        .containsExactly(
            new ParsedRecordset("example.org.", "MX", null, List.of("10 mail.example.org.")),
            new ParsedRecordset(
                "example.org.", "TXT", null, List.of("\"v=spf1 mx -all\" \"second string\"")),
            new ParsedRecordset("www.example.org.", "A", 300, List.of("192.0.2.10", "192.0.2.11")),
            new ParsedRecordset("www.example.org.", "AAAA", 300, List.of("2001:db8::1")),
            new ParsedRecordset("mail.example.org.", "A", null, List.of("192.0.2.25")),
            new ParsedRecordset("ftp.example.org.", "CNAME", null, List.of("www.example.org.")),
            new ParsedRecordset("sub.example.org.", "NS", null, List.of("ns.sub.example.org.")),
            new ParsedRecordset("ns.sub.example.org.", "A", null, List.of("192.0.2.53")),
            new ParsedRecordset(
                "_sip._tcp.example.org.", "SRV", null, List.of("10 60 5060 sip.example.org.")),
            new ParsedRecordset("*.wild.example.org.", "A", null, List.of("192.0.2.99")));
    assertThat(zone.recordCount()).isEqualTo(11);
  }

  @Test
  void aSyntaxErrorNamesItsLine() {
    String file =
        """
        $ORIGIN example.org.
        @ 300 IN SOA ns1 h ( 1 2 3
           4 5 )
        www IN A 192.0.2.1

        bad IN A 192.0.2
        """;
    assertThatThrownBy(() -> ZoneFileParser.parse(file))
        .isInstanceOf(ZoneFileException.class)
        .hasMessageStartingWith("line 6: ");
  }

  /** {@code count} quoted strings of {@code octets} characters each. */
  private static String txt(int count, int octets, char fill) {
    return String.join(
        " ",
        java.util.Collections.nCopies(count, "\"" + String.valueOf(fill).repeat(octets) + "\""));
  }

  @Test
  void aRecordOverTheRdataLimitIsRefusedWithItsLine() {
    String file =
        "$ORIGIN example.org.\n@ 300 IN SOA ns1 h 1 2 3 4 5\nwww IN A 192.0.2.1\nbig IN TXT "
            + txt(280, 250, 'x')
            + "\n";
    assertThatThrownBy(() -> ZoneFileParser.parse(file))
        .hasMessage(
            "line 4: the TXT record of big.example.org.: its data is 70,280 octets, and DNS allows"
                + " at most 65,535 in one record (RFC 1035 section 3.2.1)");
  }

  @Test
  void anRrsetOverOneMessageIsRefusedAtTheLineThatOverflowsIt() {
    StringBuilder file = new StringBuilder("$ORIGIN example.org.\n@ 300 IN SOA ns1 h 1 2 3 4 5\n");
    for (int i = 0; i < 17; i++) {
      file.append("big IN TXT ").append(txt(16, 250, (char) ('a' + i))).append('\n');
    }
    assertThatThrownBy(() -> ZoneFileParser.parse(file.toString()))
        .hasMessageStartingWith("line 19: the TXT recordset big.example.org. needs 69,276 octets");
  }

  @Test
  void aRecordOutsideTheZoneNamesItsLine() {
    String file =
        """
        $ORIGIN example.org.
        @ 300 IN SOA ns1 h ( 1 2 3
           4 5 )
        ; comment (with a parenthesis
        www IN A 192.0.2.1
        other.net. IN A 192.0.2.2
        """;
    assertThatThrownBy(() -> ZoneFileParser.parse(file))
        .hasMessage("line 6: other.net. is outside the zone example.org.");
  }

  @Test
  void unsupportedTypeIncludeAndCnameConflictsAreRefusedWithTheirLine() {
    String soa = "$ORIGIN example.org.\n@ 300 IN SOA ns1 h 1 2 3 4 5\n";
    assertThatThrownBy(() -> ZoneFileParser.parse(soa + "x IN HINFO \"a\" \"b\"\n"))
        .hasMessage("line 3: record type HINFO is not supported");
    assertThatThrownBy(() -> ZoneFileParser.parse(soa + "$INCLUDE /etc/passwd\n"))
        .hasMessage("line 3: $INCLUDE is not supported (only $ORIGIN and $TTL)");
    assertThatThrownBy(() -> ZoneFileParser.parse(soa + "x IN CNAME a\n\nx IN TXT \"also\"\n"))
        .hasMessageStartingWith("line 5: x.example.org. has a CNAME record (line 3)");
    assertThatThrownBy(
            () -> ZoneFileParser.parse(soa + "a 60 IN A 192.0.2.1\na 70 IN A 192.0.2.2\n"))
        .hasMessageStartingWith("line 4: TTL 70 differs from the TTL 60");
  }

  @Test
  void aFileWithoutSoaIsRefused() {
    assertThatThrownBy(() -> ZoneFileParser.parse("$ORIGIN example.org.\nwww 60 IN A 192.0.2.1\n"))
        .hasMessage("An SOA record is required.");
  }

  @Test
  void quotedSemicolonsAndParenthesesDoNotShiftLines() {
    String file =
        """
        $ORIGIN example.org.
        @ 300 IN SOA ns1 h 1 2 3 4 5
        t IN TXT "a ; ( not a comment"
        u IN TXT "b"
        v IN A 300.1.1.1
        """;
    assertThatThrownBy(() -> ZoneFileParser.parse(file)).hasMessageStartingWith("line 5: ");
  }
}
