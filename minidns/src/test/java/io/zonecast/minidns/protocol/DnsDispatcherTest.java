package io.zonecast.minidns.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.minidns.query.QueryAnswerer;
import io.zonecast.minidns.transfer.ZoneTransfer;
import io.zonecast.minidns.zonesource.ZoneHead;
import io.zonecast.minidns.zonesource.ZoneSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The protocol layer against an in-memory zone (the database is exercised in MiniDnsIT). */
class DnsDispatcherTest {

  static final Name APEX = Name.fromConstantString("example.org.");
  static final Name WWW = Name.fromConstantString("www.example.org.");

  static final ZoneHead ZONE =
      new ZoneHead(
          UUID.randomUUID(),
          APEX,
          7,
          300,
          new SOARecord(
              APEX,
              DClass.IN,
              300,
              Name.fromConstantString("ns1.example.org."),
              Name.fromConstantString("h.example.org."),
              7,
              1,
              1,
              1,
              1));

  static final Record A = new ARecord(WWW, DClass.IN, 300, new byte[] {(byte) 192, 0, 2, 1});

  static final ZoneSource SOURCE =
      new ZoneSource() {
        @Override
        public Optional<ZoneHead> findZone(Name name) {
          return name.subdomain(APEX) ? Optional.of(ZONE) : Optional.empty();
        }

        @Override
        public List<Record> recordsAt(ZoneHead zone, Name name) {
          return name.equals(WWW) ? List.of(A) : List.of();
        }

        @Override
        public boolean hasNamesBelow(ZoneHead zone, Name name) {
          return false;
        }

        @Override
        public boolean streamZone(Name apex, Consumer<ZoneHead> head, Consumer<Record> records) {
          if (!apex.equals(APEX)) {
            return false;
          }
          head.accept(ZONE);
          records.accept(A);
          return true;
        }
      };

  final DnsDispatcher dispatcher =
      new DnsDispatcher(new QueryAnswerer(SOURCE), new ZoneTransfer(SOURCE));

  List<Message> ask(byte[] query, Transport transport) throws IOException {
    List<byte[]> sent = new ArrayList<>();
    dispatcher.handle(query, transport, "test", sent::add);
    List<Message> messages = new ArrayList<>();
    for (byte[] wire : sent) {
      messages.add(new Message(wire));
    }
    return messages;
  }

  static byte[] query(Name name, int type) {
    return Message.newQuery(Record.newRecord(name, type, DClass.IN)).toWire();
  }

  @Test
  void soaAtTheApexIsAuthoritative() throws IOException {
    Message answer = ask(query(APEX, Type.SOA), Transport.UDP).getFirst();
    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(((SOARecord) answer.getSection(Section.ANSWER).getFirst()).getSerial()).isEqualTo(7);
  }

  @Test
  void unknownZoneIsRefused() throws IOException {
    Message answer =
        ask(query(Name.fromConstantString("other.net."), Type.SOA), Transport.UDP).getFirst();
    assertThat(answer.getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void missingNameIsNxdomainWithTheSoaInAuthority() throws IOException {
    Message answer =
        ask(query(Name.fromConstantString("nope.example.org."), Type.A), Transport.UDP).getFirst();
    assertThat(answer.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(answer.getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
  }

  @Test
  void otherTypeAtAnExistingNameIsNodata() throws IOException {
    Message answer = ask(query(WWW, Type.AAAA), Transport.UDP).getFirst();
    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void axfrOverUdpIsFormerrAndOverTcpIsTheZoneBetweenTwoSoas() throws IOException {
    assertThat(ask(query(APEX, Type.AXFR), Transport.UDP).getFirst().getRcode())
        .isEqualTo(Rcode.FORMERR);
    List<Record> records = new ArrayList<>();
    for (Message m : ask(query(APEX, Type.AXFR), Transport.TCP)) {
      records.addAll(m.getSection(Section.ANSWER));
    }
    assertThat(records).extracting(Record::getType).containsExactly(Type.SOA, Type.A, Type.SOA);
  }

  @Test
  void otherOpcodesAreNotImplemented() throws IOException {
    Message update = Message.newQuery(Record.newRecord(APEX, Type.SOA, DClass.IN));
    update.getHeader().setOpcode(Opcode.UPDATE);
    assertThat(ask(update.toWire(), Transport.UDP).getFirst().getRcode()).isEqualTo(Rcode.NOTIMP);
  }

  @Test
  void truncatedPacketGetsFormerrAndTinyOnesAreDropped() throws IOException {
    byte[] wire = query(APEX, Type.SOA);
    byte[] truncated = java.util.Arrays.copyOf(wire, wire.length - 3);
    Message answer = ask(truncated, Transport.UDP).getFirst();
    assertThat(answer.getRcode()).isEqualTo(Rcode.FORMERR);
    assertThat(answer.getHeader().getID()).isEqualTo(new Message(wire).getHeader().getID());
    assertThat(ask(new byte[5], Transport.UDP)).isEmpty();
  }

  @Test
  void randomBytesNeverEscapeAsExceptions() throws IOException {
    Random random = new Random(1);
    for (int i = 0; i < 2000; i++) {
      byte[] junk = new byte[random.nextInt(100)];
      random.nextBytes(junk);
      for (Message m : ask(junk, Transport.UDP)) {
        assertThat(m.getHeader().getFlag(Flags.QR)).isTrue();
      }
    }
  }
}
