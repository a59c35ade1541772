package io.zonecast.poolmanager.dns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class SoaProbeTest {

  private static final Name ZONE = Name.fromConstantString("example.com.");

  @Test
  void theSoaOfTheZoneGivesItsSerial() {
    Message response = response(Rcode.NOERROR);
    response.addRecord(
        new SOARecord(
            ZONE,
            DClass.IN,
            300,
            Name.fromConstantString("ns1.example.com."),
            Name.fromConstantString("admin.example.com."),
            2026113001L,
            3600,
            600,
            86400,
            300),
        Section.ANSWER);
    assertThat(SoaProbe.sort(response, ZONE)).isEqualTo(new SoaProbe.Serves(2026113001L));
  }

  @Test
  void refusedIsAMissingZoneAndServfailAFailingOne() {
    assertThat(SoaProbe.sort(response(Rcode.REFUSED), ZONE))
        .isEqualTo(new SoaProbe.Missing("REFUSED"));
    assertThat(SoaProbe.sort(response(Rcode.NOTAUTH), ZONE)).isInstanceOf(SoaProbe.Missing.class);
    assertThat(SoaProbe.sort(response(Rcode.SERVFAIL), ZONE))
        .isEqualTo(new SoaProbe.Failing("SERVFAIL"));
  }

  @Test
  void anAnswerWithoutTheZonesSoaIsAMissingZone() {
    assertThat(SoaProbe.sort(response(Rcode.NOERROR), ZONE)).isInstanceOf(SoaProbe.Missing.class);
  }

  private static Message response(int rcode) {
    Message response = Message.newQuery(Record.newRecord(ZONE, Type.SOA, DClass.IN));
    response.getHeader().setRcode(rcode);
    return response;
  }
}
