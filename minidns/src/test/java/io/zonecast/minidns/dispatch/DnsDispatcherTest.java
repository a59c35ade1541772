package io.zonecast.minidns.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.minidns.access.TransferGate;
import io.zonecast.minidns.protocol.SourcePolicy;
import io.zonecast.minidns.protocol.Transport;
import io.zonecast.minidns.query.QueryAnswerer;
import io.zonecast.minidns.transfer.ZoneTransfer;
import io.zonecast.minidns.tsig.RequestVerifier;
import io.zonecast.minidns.tsig.ZoneKeys;
import io.zonecast.minidns.zonesource.CachedZoneLookup;
import io.zonecast.minidns.zonesource.InMemoryZone;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** The protocol layer against an in-memory zone (the database is exercised in MiniDnsIT). */
class DnsDispatcherTest {

  static final Name APEX = Name.fromConstantString("example.org.");
  static final Name WWW = Name.fromConstantString("www.example.org.");
  static final Record A = new ARecord(WWW, DClass.IN, 300, new byte[] {(byte) 192, 0, 2, 1});

  final InMemoryZone zone = new InMemoryZone(APEX, 7).add(A);
  final CachedZoneLookup lookup = CachedZoneLookup.readingThrough(zone);
  final DnsDispatcher dispatcher =
      new DnsDispatcher(
          new QueryAnswerer(zone, lookup),
          new ZoneTransfer(zone),
          new RequestVerifier(ZoneKeys.none(), Clock.systemUTC()),
          new TransferGate(address -> true, lookup, ZoneKeys.none()));

  List<Message> ask(byte[] query, Transport transport) throws IOException {
    List<byte[]> sent = new ArrayList<>();
    dispatcher.handle(query, transport, new InetSocketAddress("127.0.0.1", 53000), sent::add);
    List<Message> messages = new ArrayList<>();
    for (byte[] wire : sent) {
      messages.add(new Message(wire));
    }
    return messages;
  }

  Message askOne(Message query) throws IOException {
    List<Message> answers = ask(query.toWire(), Transport.UDP);
    assertThat(answers).hasSize(1);
    return answers.getFirst();
  }

  static Message query(Name name, int type) {
    return Message.newQuery(Record.newRecord(name, type, DClass.IN));
  }

  @Test
  void soaAtTheApexIsAuthoritativeWithTheZoneSerial() throws IOException {
    Message answer = askOne(query(APEX, Type.SOA));
    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(((SOARecord) answer.getSection(Section.ANSWER).getFirst()).getSerial()).isEqualTo(7);
  }

  @Test
  void aRecordIsAnsweredAuthoritatively() throws IOException {
    Message answer = askOne(query(WWW, Type.A));
    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(answer.getSection(Section.ANSWER)).containsExactly(A);
  }

  @Test
  void ednsVersionOneIsAnsweredBadversWithAnOptOfVersionZero() throws IOException {
    Message query = query(APEX, Type.SOA);
    query.addRecord(new OPTRecord(1232, 0, 1), Section.ADDITIONAL);

    Message answer = askOne(query);

    // RFC 6891 6.1.3: BADVERS (16) is an extended RCODE, its upper bits in the OPT
    assertThat(answer.getRcode()).isEqualTo(Rcode.BADVERS);
    assertThat(answer.getHeader().getRcode()).isZero();
    assertThat(answer.getOPT()).isNotNull();
    assertThat(answer.getOPT().getVersion()).isZero();
    assertThat(answer.getOPT().getExtendedRcode()).isEqualTo(1);
    assertThat(answer.getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void ednsVersionZeroIsAnsweredAsBefore() throws IOException {
    Message query = query(APEX, Type.SOA);
    query.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);

    Message answer = askOne(query);

    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.getSection(Section.ANSWER)).singleElement().isInstanceOf(SOARecord.class);
  }

  List<byte[]> askAs(SourcePolicy.Standing standing, Message query, InMemoryZone source) {
    CachedZoneLookup sourceLookup = CachedZoneLookup.readingThrough(source);
    DnsDispatcher judging =
        new DnsDispatcher(
            new QueryAnswerer(source, sourceLookup),
            new ZoneTransfer(source),
            new RequestVerifier(ZoneKeys.none(), Clock.systemUTC()),
            new TransferGate(
                address -> standing == SourcePolicy.Standing.POOL, sourceLookup, ZoneKeys.none()),
            address -> standing,
            null);
    List<byte[]> sent = new ArrayList<>();
    dispatcher(judging, query.toWire(), Transport.UDP, sent);
    return sent;
  }

  static void dispatcher(DnsDispatcher d, byte[] query, Transport transport, List<byte[]> sent) {
    d.handle(query, transport, new InetSocketAddress("192.0.2.9", 53000), sent::add);
  }

  /** A zone whose TXT answer at the apex is some 1,100 bytes: it fits an EDNS UDP answer. */
  static InMemoryZone bigZone() {
    InMemoryZone big = new InMemoryZone(APEX, 7);
    for (int i = 0; i < 5; i++) {
      big.add(new TXTRecord(APEX, DClass.IN, 300, "x".repeat(200) + i));
    }
    return big;
  }

  @Test
  void aStrangerIsRefusedWithAnAnswerNoLargerThanItsQuery() throws IOException {
    Message query = query(APEX, Type.TXT);
    query.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);

    List<byte[]> sent = askAs(SourcePolicy.Standing.STRANGER, query, bigZone());

    assertThat(sent)
        .singleElement()
        .satisfies(wire -> {
          assertThat(wire.length).isLessThanOrEqualTo(query.toWire().length);
          assertThat(new Message(wire).getRcode()).isEqualTo(Rcode.REFUSED);
        });
  }

  @Test
  void aSourceAllowedToQueryOnlyGetsNoUdpAnswerLargerThanItsQuery() throws IOException {
    Message query = query(APEX, Type.TXT);
    query.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);

    List<byte[]> asQueryOnly = askAs(SourcePolicy.Standing.QUERY_ONLY, query, bigZone());
    List<byte[]> asPool = askAs(SourcePolicy.Standing.POOL, query, bigZone());

    assertThat(asQueryOnly)
        .singleElement()
        .satisfies(wire -> {
          assertThat(wire.length).isLessThanOrEqualTo(query.toWire().length);
          Message answer = new Message(wire);
          assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
          assertThat(answer.getHeader().getFlag(Flags.TC)).isTrue();
        });
    assertThat(asPool)
        .singleElement()
        .satisfies(wire -> assertThat(wire.length).isGreaterThan(1000));
  }

  @Test
  void unknownZoneIsRefused() throws IOException {
    Message answer = askOne(query(Name.fromConstantString("other.net."), Type.SOA));
    assertThat(answer.getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(answer.getHeader().getFlag(Flags.AA)).isFalse();
  }

  @Test
  void missingNameIsNxdomainWithTheSoaInAuthorityAtTheNegativeTtl() throws IOException {
    Message answer = askOne(query(Name.fromConstantString("nope.example.org."), Type.A));
    assertThat(answer.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(answer.getHeader().getFlag(Flags.AA)).isTrue();
    // RFC 2308 section 3: min(SOA TTL 3600, SOA MINIMUM 300)
    assertThat(answer.getSection(Section.AUTHORITY))
        .singleElement()
        .isInstanceOf(SOARecord.class)
        .extracting(Record::getTTL)
        .isEqualTo(300L);
  }

  @Test
  void otherTypeAtAnExistingNameIsNodata() throws IOException {
    Message answer = askOne(query(WWW, Type.AAAA));
    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.getSection(Section.ANSWER)).isEmpty();
    assertThat(answer.getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
  }

  @Test
  void axfrOverUdpIsFormerrAndOverTcpIsTheZoneBetweenTwoSoas() throws IOException {
    assertThat(askOne(query(APEX, Type.AXFR)).getRcode()).isEqualTo(Rcode.FORMERR);
    List<Record> records = new ArrayList<>();
    for (Message m : ask(query(APEX, Type.AXFR).toWire(), Transport.TCP)) {
      records.addAll(m.getSection(Section.ANSWER));
    }
    assertThat(records).extracting(Record::getType).containsExactly(Type.SOA, Type.A, Type.SOA);
  }

  @Test
  void updateIsNotImplemented() throws IOException {
    Message update = query(APEX, Type.SOA);
    update.getHeader().setOpcode(Opcode.UPDATE);
    assertThat(askOne(update).getRcode()).isEqualTo(Rcode.NOTIMP);
  }

  @Test
  void aNotifySentToUsIsNotImplemented() throws IOException {
    Message notify = query(APEX, Type.SOA);
    notify.getHeader().setOpcode(Opcode.NOTIFY);
    notify.getHeader().setFlag(Flags.AA);
    Message answer = askOne(notify);
    assertThat(answer.getRcode()).isEqualTo(Rcode.NOTIMP);
    assertThat(answer.getHeader().getOpcode()).isEqualTo(Opcode.NOTIFY);
  }

  @Test
  void aQueryWithTwoQuestionsIsFormerr() throws IOException {
    Message query = query(APEX, Type.SOA);
    query.addRecord(Record.newRecord(WWW, Type.A, DClass.IN), Section.QUESTION);
    assertThat(askOne(query).getRcode()).isEqualTo(Rcode.FORMERR);
  }

  @Test
  void aChaosClassQueryIsRefused() throws IOException {
    Message query =
        Message.newQuery(
            Record.newRecord(Name.fromConstantString("version.bind."), Type.TXT, DClass.CH));
    assertThat(askOne(query).getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void truncatedPacketGetsFormerrWithItsIdAndTinyOnesAreDropped() throws IOException {
    byte[] wire = query(APEX, Type.SOA).toWire();
    byte[] truncated = Arrays.copyOf(wire, wire.length - 3);
    List<Message> answers = ask(truncated, Transport.UDP);
    assertThat(answers).singleElement().extracting(Message::getRcode).isEqualTo(Rcode.FORMERR);
    assertThat(answers.getFirst().getHeader().getID())
        .isEqualTo(new Message(wire).getHeader().getID());
    assertThat(ask(new byte[5], Transport.UDP)).isEmpty();
  }

  @Test
  void aResponseSentToUsIsDropped() throws IOException {
    Message response = query(APEX, Type.SOA);
    response.getHeader().setFlag(Flags.QR);
    assertThat(ask(response.toWire(), Transport.UDP)).isEmpty();
  }

  @Test
  void aFailingZoneSourceGivesServfail() throws IOException {
    zone.failing(new IllegalStateException("database down"));
    assertThat(askOne(query(APEX, Type.SOA)).getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(ask(query(APEX, Type.AXFR).toWire(), Transport.TCP))
        .singleElement()
        .extracting(Message::getRcode)
        .isEqualTo(Rcode.SERVFAIL);
  }

  @Test
  void randomBytesNeverEscapeAsExceptions() throws IOException {
    Random random = new Random(1);
    for (int i = 0; i < 5000; i++) {
      byte[] junk = new byte[random.nextInt(100)];
      random.nextBytes(junk);
      for (Message m : ask(junk, Transport.UDP)) {
        assertThat(m.getHeader().getFlag(Flags.QR)).isTrue();
      }
    }
  }
}
