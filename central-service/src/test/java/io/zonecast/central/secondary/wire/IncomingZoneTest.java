package io.zonecast.central.secondary.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/** The checks a transfer passes record by record before anything of it is stored. */
class IncomingZoneTest {

  static final Name ZONE = Name.fromConstantString("sec.example.");

  final List<StagedRecord> staged = new ArrayList<>();
  final RecordSink session = mock(RecordSink.class);

  IncomingZone incoming(int batch) {
    org.mockito.Mockito.doAnswer(
            call -> {
              staged.addAll(call.getArgument(0));
              return null;
            })
        .when(session)
        .stage(anyList());
    return new IncomingZone(ZONE, session, batch);
  }

  static SOARecord soa(Name owner, long serial) {
    return new SOARecord(
        owner,
        DClass.IN,
        300,
        Name.fromConstantString("ns1.primary.test."),
        Name.fromConstantString("admin.primary.test."),
        serial,
        3600,
        600,
        86400,
        300);
  }

  static ARecord a(String owner, String address) throws Exception {
    return new ARecord(Name.fromString(owner), DClass.IN, 300, InetAddress.getByName(address));
  }

  @Test
  void anAxfrIsStagedInBatchesWithoutItsSoasAndEndsWithTheSameSoa() throws Exception {
    IncomingZone zone = incoming(2);
    zone.startAXFR();
    zone.handleRecord(soa(ZONE, 7));
    zone.handleRecord(a("a.sec.example.", "192.0.2.1"));
    zone.handleRecord(a("b.sec.example.", "192.0.2.2"));
    zone.handleRecord(a("C.Sec.Example.", "192.0.2.3"));
    zone.handleRecord(soa(ZONE, 7));

    assertThat(zone.finish().getSerial()).isEqualTo(7);
    assertThat(staged)
        .containsExactly(
            new StagedRecord("a.sec.example.", "A", 300, "192.0.2.1"),
            new StagedRecord("b.sec.example.", "A", 300, "192.0.2.2"),
            new StagedRecord("c.sec.example.", "A", 300, "192.0.2.3"));
    assertThat(zone.records()).isEqualTo(3);
    assertThat(zone.wasIncremental()).isFalse();
  }

  @Test
  void aRecordOutsideTheZoneFailsTheTransfer() throws Exception {
    IncomingZone zone = incoming(10);
    zone.startAXFR();
    zone.handleRecord(soa(ZONE, 7));
    assertThatThrownBy(() -> zone.handleRecord(a("www.other.example.", "192.0.2.1")))
        .isInstanceOf(TransferFailure.class)
        .hasMessageContaining("www.other.example. A is outside sec.example.");
  }

  @Test
  void aTransferOfAnotherZoneFails() {
    IncomingZone zone = incoming(10);
    zone.startAXFR();
    assertThatThrownBy(() -> zone.handleRecord(soa(Name.fromConstantString("example."), 7)))
        .isInstanceOf(TransferFailure.class)
        .hasMessageContaining("outside");
    IncomingZone child = incoming(10);
    child.startAXFR();
    assertThatThrownBy(() -> child.handleRecord(soa(Name.fromConstantString("x.sec.example."), 7)))
        .isInstanceOf(TransferFailure.class)
        .hasMessageContaining("is of x.sec.example., not of sec.example.");
  }

  @Test
  void aTruncatedTransferOrOneEndingWithAnotherSerialFails() throws Exception {
    IncomingZone truncated = incoming(10);
    truncated.startAXFR();
    truncated.handleRecord(soa(ZONE, 7));
    truncated.handleRecord(a("a.sec.example.", "192.0.2.1"));
    assertThatThrownBy(truncated::finish)
        .isInstanceOf(TransferFailure.class)
        .hasMessageContaining("ended before its closing SOA");

    IncomingZone mixed = incoming(10);
    mixed.startAXFR();
    mixed.handleRecord(soa(ZONE, 7));
    assertThatThrownBy(() -> mixed.handleRecord(soa(ZONE, 8)))
        .isInstanceOf(TransferFailure.class)
        .hasMessageContaining("ended with serial 8 but started with 7");
  }

  @Test
  void anIxfrAppliesItsDifferencesToTheCurrentContent() throws Exception {
    when(session.unstage(anyList())).thenReturn(true);
    IncomingZone zone = incoming(10);
    zone.startIXFR();
    zone.startIXFRDeletes(soa(ZONE, 7));
    zone.handleRecord(a("a.sec.example.", "192.0.2.1"));
    zone.startIXFRAdds(soa(ZONE, 8));
    zone.handleRecord(a("a.sec.example.", "192.0.2.9"));

    assertThat(zone.finish().getSerial()).isEqualTo(8);
    verify(session).stageCurrent();
    verify(session).unstage(List.of(new StagedRecord("a.sec.example.", "A", 300, "192.0.2.1")));
    assertThat(staged).containsExactly(new StagedRecord("a.sec.example.", "A", 300, "192.0.2.9"));
    assertThat(zone.wasIncremental()).isTrue();
  }

  @Test
  void anIxfrRemovingWhatTheZoneDoesNotHaveIsOutOfStep() throws Exception {
    when(session.unstage(anyList())).thenReturn(false);
    IncomingZone zone = incoming(10);
    zone.startIXFR();
    zone.startIXFRDeletes(soa(ZONE, 7));
    zone.handleRecord(a("gone.sec.example.", "192.0.2.1"));
    assertThatThrownBy(() -> zone.startIXFRAdds(soa(ZONE, 8)))
        .isInstanceOf(IncomingZone.IxfrOutOfStep.class);
  }

  @Test
  void ipv6AddressesAreWrittenShort() throws Exception {
    AAAARecord aaaa =
        new AAAARecord(
            Name.fromConstantString("v6.sec.example."),
            DClass.IN,
            300,
            InetAddress.getByName("2001:db8:0:0:1:0:0:1"));
    assertThat(IncomingZone.staged(aaaa).data()).isEqualTo("2001:db8::1:0:0:1");
    assertThat(IncomingZone.shortIpv6("0:0:0:0:0:0:0:1")).isEqualTo("::1");
    assertThat(IncomingZone.shortIpv6("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2:3:4:5:6");
    assertThat(IncomingZone.shortIpv6("2001:0:0:1:0:0:0:1")).isEqualTo("2001:0:0:1::1");
  }
}
