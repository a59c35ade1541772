package io.zonecast.minidns.poll;

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

class PollAnswerTest {

  private static final Name ZONE = Name.fromConstantString("example.org.");

  private static Message answer(int rcode, boolean aa, long serial) {
    Message m = Message.newQuery(Record.newRecord(ZONE, Type.SOA, DClass.IN));
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setRcode(rcode);
    if (aa) {
      m.getHeader().setFlag(Flags.AA);
    }
    if (rcode == Rcode.NOERROR) {
      m.addRecord(
          new SOARecord(
              ZONE,
              DClass.IN,
              60,
              Name.fromConstantString("ns1.example.org."),
              Name.fromConstantString("h.example.org."),
              serial,
              1,
              1,
              1,
              1),
          Section.ANSWER);
    }
    return m;
  }

  @Test
  void equalSerialIsSuccess() {
    assertThat(PollAnswer.satisfies(100, 100)).isTrue();
  }

  @Test
  void newerSerialIsSuccessIncludingAboveTwoToThe31AndWrapped() {
    assertThat(PollAnswer.satisfies(101, 100)).isTrue();
    assertThat(PollAnswer.satisfies(3_000_000_001L, 3_000_000_000L)).isTrue();
    assertThat(PollAnswer.satisfies(2, 4_294_967_295L)).isTrue();
  }

  @Test
  void olderSerialIsNotYet() {
    assertThat(PollAnswer.satisfies(99, 100)).isFalse();
    assertThat(PollAnswer.satisfies(4_294_967_295L, 2)).isFalse();
  }

  @Test
  void readsTheSerialOfAnAuthoritativeAnswer() {
    assertThat(PollAnswer.servedSerial(answer(Rcode.NOERROR, true, 42), ZONE)).hasValue(42);
  }

  @Test
  void refusedNxdomainAndNonAuthoritativeAnswersCarryNoSerial() {
    assertThat(PollAnswer.servedSerial(answer(Rcode.REFUSED, true, 0), ZONE)).isEmpty();
    assertThat(PollAnswer.servedSerial(answer(Rcode.NXDOMAIN, true, 0), ZONE)).isEmpty();
    assertThat(PollAnswer.servedSerial(answer(Rcode.NOERROR, false, 42), ZONE)).isEmpty();
    assertThat(PollAnswer.servedSerial(null, ZONE)).isEmpty();
  }
}
