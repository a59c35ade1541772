package io.zonecast.minidns.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class MessagePackerTest {

  static final Name APEX = Name.fromConstantString("example.org.");
  static final Message QUERY = Message.newQuery(Record.newRecord(APEX, Type.AXFR, DClass.IN));

  static Record txt(int i, int length) {
    return new TXTRecord(
        Name.fromConstantString("r" + i + ".example.org."), DClass.IN, 300, "x".repeat(length));
  }

  static int uncompressedSize(Message message) {
    int size = new Message().toWire().length + QUERY.getQuestion().toWire(Section.QUESTION).length;
    for (Record r : message.getSection(Section.ANSWER)) {
      size += r.toWire(Section.ANSWER).length;
    }
    return size;
  }

  @Test
  void aSmallZoneFitsInOneMessage() throws IOException {
    List<byte[]> sent = new ArrayList<>();
    MessagePacker packer = new MessagePacker(QUERY, sent::add);
    for (int i = 0; i < 10; i++) {
      packer.add(txt(i, 20));
    }
    Message last = new Message(packer.finish());

    assertThat(sent).isEmpty();
    assertThat(last.getSection(Section.ANSWER)).hasSize(10);
    assertThat(packer.messages()).isEqualTo(1);
  }

  @Test
  void aLargeZoneIsSplitIntoFullMessagesOfAtMost64KiB() throws IOException {
    List<byte[]> wires = new ArrayList<>();
    MessagePacker packer = new MessagePacker(QUERY, wires::add);
    List<Record> input = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      Record r = txt(i, 150 + i % 100);
      input.add(r);
      packer.add(r);
    }
    wires.add(packer.finish());

    List<Message> messages = new ArrayList<>();
    for (byte[] wire : wires) {
      assertThat(wire.length).isLessThanOrEqualTo(65_535);
      messages.add(new Message(wire));
    }
    assertThat(messages).hasSizeGreaterThan(10);
    assertThat(packer.messages()).isEqualTo(messages.size());
    assertThat(packer.records()).isEqualTo(5000);
    List<Record> output = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      assertThat(m.getHeader().getID()).isEqualTo(QUERY.getHeader().getID());
      assertThat(m.getHeader().getFlag(Flags.QR)).isTrue();
      assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
      output.addAll(m.getSection(Section.ANSWER));
      if (i < messages.size() - 1) {
        // full: the next record would not have fit
        Record next = messages.get(i + 1).getSection(Section.ANSWER).getFirst();
        assertThat(uncompressedSize(m) + next.toWire(Section.ANSWER).length).isGreaterThan(65_535);
      }
    }
    assertThat(output).containsExactlyElementsOf(input);
  }

  @Test
  void aRecordTooLargeForAnyMessageIsAnError() {
    MessagePacker packer = new MessagePacker(QUERY, wire -> {});
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < 261; i++) { // 65,511 bytes of rdata: fits a record, not a message
      strings.add("y".repeat(250));
    }
    Record huge = new TXTRecord(APEX, DClass.IN, 300, strings);
    assertThatThrownBy(() -> packer.add(huge)).isInstanceOf(IOException.class);
  }
}
