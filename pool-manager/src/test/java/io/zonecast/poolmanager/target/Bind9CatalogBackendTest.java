package io.zonecast.poolmanager.target;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class Bind9CatalogBackendTest {

  static final Name ZONE = Name.fromConstantString("gone.example.");

  static Message answer(int rcode, boolean authoritative, Name soaOwner) {
    Message message = Message.newQuery(Record.newRecord(ZONE, Type.SOA, DClass.IN));
    message.getHeader().setRcode(rcode);
    if (authoritative) {
      message.getHeader().setFlag(Flags.AA);
    }
    if (soaOwner != null) {
      message.addRecord(
          new SOARecord(soaOwner, DClass.IN, 60, ZONE, ZONE, 5, 60, 60, 600, 60), Section.ANSWER);
    }
    return message;
  }

  @Test
  void onlyAnAuthoritativeSoaOfTheZoneMeansTheTargetStillServesIt() {
    assertThat(Bind9CatalogBackend.servesZone(answer(Rcode.NOERROR, true, ZONE), ZONE)).isTrue();
    assertThat(Bind9CatalogBackend.servesZone(answer(Rcode.REFUSED, false, null), ZONE)).isFalse();
    assertThat(Bind9CatalogBackend.servesZone(answer(Rcode.NXDOMAIN, true, null), ZONE)).isFalse();
    assertThat(Bind9CatalogBackend.servesZone(answer(Rcode.NOERROR, false, ZONE), ZONE)).isFalse();
    assertThat(
            Bind9CatalogBackend.servesZone(
                answer(Rcode.NOERROR, true, Name.fromConstantString("example.")), ZONE))
        .isFalse();
  }
}
