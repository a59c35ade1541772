package io.zonecast.minidns.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonecast.minidns.protocol.Transport;
import io.zonecast.minidns.zonesource.InMemoryZone;
import io.zonecast.minidns.zonesource.JournalStep;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class ZoneTransferTest {

  static final Name APEX = Name.fromConstantString("example.org.");

  final InMemoryZone zone = new InMemoryZone(APEX, 3_000_000_000L);
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final ZoneTransfer transfer = new ZoneTransfer(zone, meters);

  ZoneTransferTest() throws Exception {
    for (int i = 0; i < 4000; i++) {
      zone.add(
          new ARecord(
              Name.fromString("host" + i + ".example.org."),
              DClass.IN,
              300,
              java.net.InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i})));
    }
  }

  List<Message> run(Message query, Transport transport) throws IOException {
    List<byte[]> wires = new ArrayList<>();
    wires.add(transfer.answer(query, transport, "test", wires::add));
    List<Message> messages = new ArrayList<>();
    for (byte[] wire : wires) {
      messages.add(new Message(wire));
    }
    return messages;
  }

  static List<Record> answers(List<Message> messages) {
    List<Record> records = new ArrayList<>();
    messages.forEach(m -> records.addAll(m.getSection(Section.ANSWER)));
    return records;
  }

  static Message ixfr(Name zone, long clientSerial) {
    Message query = Message.newQuery(Record.newRecord(zone, Type.IXFR, DClass.IN));
    query.addRecord(
        new SOARecord(zone, DClass.IN, 0, APEX, APEX, clientSerial, 0, 0, 0, 0), Section.AUTHORITY);
    return query;
  }

  @Test
  void axfrOverTcpIsSoaEveryRecordSoaInSeveralMessages() throws IOException {
    List<Message> messages =
        run(Message.newQuery(Record.newRecord(APEX, Type.AXFR, DClass.IN)), Transport.TCP);

    List<Record> records = answers(messages);
    assertThat(messages).hasSizeGreaterThan(1);
    assertThat(records).hasSize(4002);
    assertThat(records.getFirst()).isEqualTo(zone.head().soa());
    assertThat(records.getLast()).isEqualTo(zone.head().soa());
    assertThat(records.subList(1, 4001)).containsExactlyElementsOf(zone.records());
    var size = meters.get("zonecast.minidns.transfer.size").tags("kind", "AXFR", "form", "axfr");
    assertThat(size.summary().count()).isEqualTo(1);
    assertThat(size.summary().totalAmount())
        .isEqualTo(messages.stream().mapToInt(m -> m.toWire().length).sum());
    assertThat(meters.get("zonecast.minidns.transfers").tags("kind", "AXFR").timer().count())
        .isEqualTo(1);
  }

  @Test
  void axfrOverUdpIsFormerr() throws IOException {
    List<Message> messages =
        run(Message.newQuery(Record.newRecord(APEX, Type.AXFR, DClass.IN)), Transport.UDP);
    assertThat(messages).singleElement().extracting(Message::getRcode).isEqualTo(Rcode.FORMERR);
  }

  @Test
  void axfrOfAZoneNotHeldIsRefused() throws IOException {
    Name other = Name.fromConstantString("other.net.");
    List<Message> messages =
        run(Message.newQuery(Record.newRecord(other, Type.AXFR, DClass.IN)), Transport.TCP);
    assertThat(messages).singleElement().extracting(Message::getRcode).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void ixfrOverUdpIsTheSoaAlone() throws IOException {
    List<Message> messages = run(ixfr(APEX, 1), Transport.UDP);
    assertThat(answers(messages)).containsExactly(zone.head().soa());
  }

  @Test
  void ixfrFromAnOlderSerialIsTheWholeZoneInAxfrForm() throws IOException {
    List<Record> records = answers(run(ixfr(APEX, 2_999_999_999L), Transport.TCP));
    assertThat(records).hasSize(4002);
    assertThat(records.get(1).getType()).isEqualTo(Type.A);
  }

  @Test
  void ixfrFromTheCurrentSerialIsTheSoaAlone() throws IOException {
    assertThat(answers(run(ixfr(APEX, 3_000_000_000L), Transport.TCP)))
        .containsExactly(zone.head().soa());
  }

  @Test
  void ixfrFromAJournalledSerialIsOneConsolidatedDifference() throws Exception {
    InMemoryZone small = new InMemoryZone(APEX, 12);
    ARecord kept = a("www", "192.0.2.1");
    ARecord gone = a("old", "192.0.2.2");
    ARecord fresh = a("new", "192.0.2.3");
    ARecord temporary = a("tmp", "192.0.2.4");
    small.add(kept).add(fresh);
    small.journal(new JournalStep(10, 11, List.of(soa(10), gone), List.of(soa(11), temporary)));
    small.journal(new JournalStep(11, 12, List.of(soa(11), temporary), List.of(soa(12), fresh)));

    List<Record> records = answers(run(new ZoneTransfer(small), ixfr(APEX, 10)));

    assertThat(records)
        .containsExactly(
            small.head().soa(), soa(10), gone, small.head().soa(), fresh, small.head().soa());
  }

  @Test
  void ixfrFromASerialTheJournalNoLongerReachesIsTheWholeZone() throws Exception {
    InMemoryZone small = new InMemoryZone(APEX, 12);
    ARecord fresh = a("new", "192.0.2.3");
    small.add(fresh);
    small.journal(new JournalStep(11, 12, List.of(soa(11)), List.of(soa(12), fresh)));

    List<Record> records = answers(run(new ZoneTransfer(small), ixfr(APEX, 10)));

    assertThat(records).containsExactly(small.head().soa(), fresh, small.head().soa());
  }

  @Test
  void ixfrFromASerialNewerThanOursIsTheWholeZone() throws Exception {
    InMemoryZone small = new InMemoryZone(APEX, 12);
    ARecord fresh = a("new", "192.0.2.3");
    small.add(fresh);
    small.journal(new JournalStep(11, 12, List.of(soa(11)), List.of(soa(12), fresh)));

    List<Record> records = answers(run(new ZoneTransfer(small), ixfr(APEX, 13)));

    assertThat(records).containsExactly(small.head().soa(), fresh, small.head().soa());
  }

  @Test
  void ixfrWhoseJournalDoesNotEndAtTheServedSoaIsTheWholeZone() throws Exception {
    InMemoryZone small = new InMemoryZone(APEX, 12);
    ARecord fresh = a("new", "192.0.2.3");
    small.add(fresh);
    SOARecord soa = soa(12);
    SOARecord otherTtl =
        new SOARecord(
            APEX,
            DClass.IN,
            60,
            soa.getHost(),
            soa.getAdmin(),
            12,
            soa.getRefresh(),
            soa.getRetry(),
            soa.getExpire(),
            soa.getMinimum());
    small.journal(new JournalStep(11, 12, List.of(soa(11)), List.of(otherTtl, fresh)));

    List<Record> records = answers(run(new ZoneTransfer(small), ixfr(APEX, 11)));

    assertThat(records).containsExactly(small.head().soa(), fresh, small.head().soa());
  }

  static List<Message> run(ZoneTransfer transfer, Message query) throws IOException {
    List<byte[]> wires = new ArrayList<>();
    wires.add(transfer.answer(query, Transport.TCP, "test", wires::add));
    List<Message> messages = new ArrayList<>();
    for (byte[] wire : wires) {
      messages.add(new Message(wire));
    }
    return messages;
  }

  static SOARecord soa(long serial) {
    return IxfrPropertyTest.soa(serial);
  }

  static ARecord a(String owner, String address) throws Exception {
    return new ARecord(
        Name.fromString(owner, APEX), DClass.IN, 300, java.net.InetAddress.getByName(address));
  }
}
