package io.zonecast.minidns.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.minidns.poll.PollRules.Verdict;
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

/** The spec's "Return Values" table, case by case. */
class PollRulesTest {

  static final Name ZONE = Name.fromConstantString("example.org.");
  static final long TOP = 4_294_967_295L; // 2^32 - 1

  static Message answer(long serial) {
    return answer(Rcode.NOERROR, true, serial);
  }

  static Message answer(int rcode, boolean authoritative, Long serial) {
    Message m = Message.newQuery(Record.newRecord(ZONE, Type.SOA, DClass.IN));
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setRcode(rcode);
    if (authoritative) {
      m.getHeader().setFlag(Flags.AA);
    }
    if (serial != null) {
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

  static Verdict judge(Message response, long expected, Long olderSeen, boolean last) {
    return PollRules.judge(response, ZONE, expected, olderSeen, last);
  }

  @Test
  void pollReportsSuccessWhenSerialIsEqual() {
    assertThat(judge(answer(100), 100, null, false)).isEqualTo(new Verdict.Success(100));
  }

  @Test
  void pollReportsSuccessWhenSerialIsNewer() {
    assertThat(judge(answer(101), 100, null, false)).isEqualTo(new Verdict.Success(101));
  }

  @Test
  void pollReportsSuccessOnTheLastAttemptToo() {
    assertThat(judge(answer(100), 100, 99L, true)).isEqualTo(new Verdict.Success(100));
  }

  @Test
  void serialsAboveTwoToThe31CompareAsUnsigned() {
    assertThat(judge(answer(3_000_000_001L), 3_000_000_000L, null, false))
        .isEqualTo(new Verdict.Success(3_000_000_001L));
    assertThat(judge(answer(3_000_000_000L), 3_000_000_001L, null, false))
        .isEqualTo(new Verdict.Retry(3_000_000_000L));
    assertThat(judge(answer(TOP), TOP, null, false)).isEqualTo(new Verdict.Success(TOP));
  }

  @Test
  void aSerialThatWrappedPastTwoToThe32IsNewer() {
    // RFC 1982: 2 is newer than 2^32 - 1 (they are 3 apart going forward)
    assertThat(judge(answer(2), TOP, null, false)).isEqualTo(new Verdict.Success(2));
    assertThat(judge(answer(0), TOP - 10, null, false)).isEqualTo(new Verdict.Success(0));
  }

  @Test
  void aSerialBeforeTheWrapIsOlder() {
    assertThat(judge(answer(TOP), 2, null, false)).isEqualTo(new Verdict.Retry(TOP));
  }

  @Test
  void serialsHalfTheSpaceApartAreNeitherNewerNorEqual() {
    // RFC 1982 section 3.2 leaves this undefined; we keep polling rather than claim success
    assertThat(judge(answer(2_147_483_648L), 0, null, false))
        .isEqualTo(new Verdict.Retry(2_147_483_648L));
  }

  @Test
  void anOlderSerialIsPolledAgainThenReportedAsError() {
    assertThat(judge(answer(99), 100, null, false)).isEqualTo(new Verdict.Retry(99L));
    assertThat(judge(answer(99), 100, null, true)).isEqualTo(new Verdict.Error(99L));
  }

  @Test
  void theLatestOlderSerialIsTheOneReported() {
    assertThat(judge(answer(99), 100, 98L, true)).isEqualTo(new Verdict.Error(99L));
  }

  @Test
  void aTimeoutIsPolledAgainThenReportedAsErrorWithoutSerial() {
    assertThat(judge(null, 100, null, false)).isEqualTo(new Verdict.Retry(null));
    assertThat(judge(null, 100, null, true)).isEqualTo(new Verdict.Error(null));
  }

  @Test
  void aTimeoutAfterAnOlderSerialReportsThatSerial() {
    assertThat(judge(null, 100, 97L, false)).isEqualTo(new Verdict.Retry(97L));
    assertThat(judge(null, 100, 97L, true)).isEqualTo(new Verdict.Error(97L));
  }

  @Test
  void errorRcodesCountAsNoSerial() {
    for (int rcode : new int[] {Rcode.REFUSED, Rcode.NXDOMAIN, Rcode.NOTAUTH, Rcode.SERVFAIL}) {
      assertThat(judge(answer(rcode, true, null), 100, null, false))
          .isEqualTo(new Verdict.Retry(null));
      assertThat(judge(answer(rcode, true, null), 100, null, true))
          .isEqualTo(new Verdict.Error(null));
      assertThat(judge(answer(rcode, true, null), 100, 42L, true))
          .isEqualTo(new Verdict.Error(42L));
    }
  }

  @Test
  void anErrorRcodeWithASoaStillCountsAsNoSerial() {
    assertThat(judge(answer(Rcode.NOTAUTH, true, 100L), 100, null, true))
        .isEqualTo(new Verdict.Error(null));
  }

  @Test
  void aNonAuthoritativeAnswerCountsAsNoSerial() {
    assertThat(judge(answer(Rcode.NOERROR, false, 100L), 100, null, false))
        .isEqualTo(new Verdict.Retry(null));
  }

  @Test
  void aSoaOfAnotherZoneCountsAsNoSerial() {
    Message m = answer(Rcode.NOERROR, true, null);
    m.addRecord(
        new SOARecord(
            Name.fromConstantString("org."),
            DClass.IN,
            60,
            Name.fromConstantString("a.org."),
            Name.fromConstantString("h.org."),
            100,
            1,
            1,
            1,
            1),
        Section.ANSWER);
    assertThat(judge(m, 100, null, false)).isEqualTo(new Verdict.Retry(null));
  }
}
