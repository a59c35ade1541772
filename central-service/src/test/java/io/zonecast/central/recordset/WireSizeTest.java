package io.zonecast.central.recordset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonecast.central.system.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Issue 16, finding 1: what cannot be put on the wire is refused before it is stored. */
class WireSizeTest {

  /** {@code count} quoted strings of {@code octets} characters each, as one TXT record. */
  static String txt(int count, int octets, char fill) {
    return String.join(
        " ",
        java.util.Collections.nCopies(count, "\"" + String.valueOf(fill).repeat(octets) + "\""));
  }

  @Test
  void aTxtRecordOverTheRdataLimitIsRefusedNamingTheLimit() {
    // the record: 280 strings of 250 octets, 70,280 octets of RDATA
    assertThatThrownBy(() ->
            RecordData.normalize(
                "TXT", "big.example.org.", "example.org.", List.of(txt(280, 250, 'x'))))
        .isInstanceOf(ApiException.class)
        .hasMessage(
            "records[0]: its data is 70,280 octets, and DNS allows at most 65,535 in one record"
                + " (RFC 1035 section 3.2.1)");
  }

  @Test
  void anRrsetThatFitsInNoMessageIsRefusedThoughEachRecordFits() {
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      records.add(txt(16, 250, (char) ('a' + i))); // 4,016 octets each
    }
    assertThatThrownBy(
            () -> RecordData.normalize("TXT", "big.example.org.", "example.org.", records))
        .isInstanceOf(ApiException.class)
        .hasMessageStartingWith("records: the TXT recordset big.example.org. needs 69,276 octets")
        .hasMessageContaining("one message holds at most 65,535 (RFC 1035 section 4.2.2");
    assertThat(
            RecordData.normalize("TXT", "big.example.org.", "example.org.", records.subList(0, 15)))
        .hasSize(15);
  }

  @Test
  void theLargestAcceptedRrsetGoesIntoOneRealMessageWithRoomForTsig() throws Exception {
    Name owner = Name.fromString("big.example.org.");
    List<String> records = new ArrayList<>();
    long size = WireSize.emptyMessage(owner);
    for (int i = 0; ; i++) {
      String data = txt(16, 250, (char) ('a' + i % 26)) + " \"" + i + "\"";
      Record record = Record.fromString(owner, Type.TXT, DClass.IN, 3600, data, owner);
      if (size + WireSize.recordOctets(record) > WireSize.MAX_MESSAGE) {
        break;
      }
      size += WireSize.recordOctets(record);
      records.add(data);
    }
    List<String> accepted =
        RecordData.normalize("TXT", "big.example.org.", "example.org.", records);
    Message answer = new Message();
    answer.addRecord(Record.newRecord(owner, Type.TXT, DClass.IN), Section.QUESTION);
    for (String data : accepted) {
      answer.addRecord(
          Record.fromString(owner, Type.TXT, DClass.IN, 3600, data, owner), Section.ANSWER);
    }
    assertThat(answer.toWire().length)
        .isLessThanOrEqualTo(WireSize.MAX_MESSAGE - WireSize.TSIG_RESERVE);
  }
}
