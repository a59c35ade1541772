package io.zonecast.minidns.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.minidns.protocol.Transport;
import io.zonecast.minidns.zonesource.InMemoryZone;
import io.zonecast.minidns.zonesource.JournalStep;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * For random histories of record changes journalled as central journals them (each step the exact
 * difference between two versions, SOAs included), an IXFR from any journalled serial, applied by a
 * strict RFC 1995 client to the version at that serial, gives the current zone, the one AXFR sends.
 */
class IxfrPropertyTest {

  static final Name APEX = Name.fromConstantString("example.org.");
  static final String[] NAMES = {"www", "mail", "deep.sub"};
  static final long[] TTLS = {300, 600};
  // near 2^32, so histories cross the RFC 1982 wrap
  static final long FIRST_SERIAL = 4_294_967_290L;

  @Property(tries = 300)
  void ixfrFromAnyJournalledSerialGivesTheCurrentZone(
      @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 26) Integer> initial,
      @ForAll @Size(min = 1, max = 12)
          List<@Size(max = 6) List<@IntRange(min = 0, max = 26) Integer>> changes)
      throws Exception {
    List<Set<Difference.Rr>> versions = new ArrayList<>();
    List<Long> serials = new ArrayList<>();
    Set<Difference.Rr> zone = apply(new LinkedHashSet<>(), initial);
    versions.add(zone);
    serials.add(FIRST_SERIAL);
    List<JournalStep> journal = new ArrayList<>();
    for (List<Integer> change : changes) {
      Set<Difference.Rr> next = apply(new LinkedHashSet<>(zone), change);
      long from = serials.getLast();
      long to = (from + 1) & 0xffffffffL;
      journal.add(step(from, to, zone, next));
      versions.add(next);
      serials.add(to);
      zone = next;
    }
    InMemoryZone current = new InMemoryZone(APEX, serials.getLast());
    zone.forEach(rr -> current.add(rr.record()));
    journal.forEach(current::journal);
    ZoneTransfer transfer = new ZoneTransfer(current);

    for (int i = 0; i < versions.size(); i++) {
      List<Record> answer = ixfr(transfer, serials.get(i));
      assertThat(Rfc1995Client.isIncremental(answer) || answer.size() == 1)
          .as("IXFR from journalled serial %s is incremental", serials.get(i))
          .isTrue();
      assertThat(Rfc1995Client.apply(answer, serials.get(i), versions.get(i)))
          .as("IXFR from serial %s", serials.get(i))
          .isEqualTo(zone);
    }
    List<Record> unknown = ixfr(transfer, (FIRST_SERIAL - 100) & 0xffffffffL);
    assertThat(Rfc1995Client.isIncremental(unknown)).isFalse();
    assertThat(Rfc1995Client.apply(unknown, FIRST_SERIAL - 100, Set.of())).isEqualTo(zone);
  }

  /**
   * Ops 0..23 toggle one RR (3 owners x 4 addresses x 2 TTLs); 24..26 move every RR of one owner to
   * the other TTL, as a recordset TTL update does.
   */
  static Set<Difference.Rr> apply(Set<Difference.Rr> zone, List<Integer> ops)
      throws UnknownHostException {
    for (int op : ops) {
      if (op < 24) {
        Difference.Rr rr = Difference.Rr.of(a(NAMES[op / 8], 1 + (op / 2) % 4, TTLS[op % 2]));
        if (!zone.remove(rr)) {
          zone.add(rr);
        }
      } else {
        Name owner = name(NAMES[op - 24]);
        List<Difference.Rr> moved = new ArrayList<>();
        zone.removeIf(rr -> {
          if (rr.record().getName().equals(owner)) {
            long ttl = rr.ttl() == TTLS[0] ? TTLS[1] : TTLS[0];
            moved.add(
                Difference.Rr.of(
                    new ARecord(owner, DClass.IN, ttl, ((ARecord) rr.record()).getAddress())));
            return true;
          }
          return false;
        });
        zone.addAll(moved);
      }
    }
    return zone;
  }

  static JournalStep step(long from, long to, Set<Difference.Rr> before, Set<Difference.Rr> after) {
    List<Record> removed = new ArrayList<>(List.of(soa(from)));
    before.stream().filter(rr -> !after.contains(rr)).forEach(rr -> removed.add(rr.record()));
    List<Record> added = new ArrayList<>(List.of(soa(to)));
    after.stream().filter(rr -> !before.contains(rr)).forEach(rr -> added.add(rr.record()));
    return new JournalStep(from, to, removed, added);
  }

  /** The SOA InMemoryZone serves, at {@code serial}. */
  static SOARecord soa(long serial) {
    return new SOARecord(
        APEX,
        DClass.IN,
        3600,
        Name.fromConstantString("ns1.example.org."),
        Name.fromConstantString("hostmaster.example.org."),
        serial,
        3500,
        600,
        86400,
        300);
  }

  static List<Record> ixfr(ZoneTransfer transfer, long serial) throws Exception {
    List<byte[]> wires = new ArrayList<>();
    wires.add(
        transfer.answer(ZoneTransferTest.ixfr(APEX, serial), Transport.TCP, "test", wires::add));
    List<Record> records = new ArrayList<>();
    for (byte[] wire : wires) {
      records.addAll(new Message(wire).getSection(Section.ANSWER));
    }
    return records;
  }

  static ARecord a(String owner, int host, long ttl) throws UnknownHostException {
    return new ARecord(
        name(owner),
        DClass.IN,
        ttl,
        InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) host}));
  }

  static Name name(String owner) {
    return Name.fromConstantString(owner + ".example.org.");
  }
}
