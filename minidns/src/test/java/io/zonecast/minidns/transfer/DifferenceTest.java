package io.zonecast.minidns.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.minidns.zonesource.JournalStep;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

class DifferenceTest {

  static final Name APEX = Name.fromConstantString("example.org.");

  static SOARecord soa(long serial) {
    return new SOARecord(
        APEX,
        DClass.IN,
        3600,
        Name.fromConstantString("ns1.example.org."),
        Name.fromConstantString("hostmaster.example.org."),
        serial,
        3600,
        600,
        86400,
        300);
  }

  static Record a(String owner, String address, long ttl) throws Exception {
    return new ARecord(
        Name.fromString(owner, APEX), DClass.IN, ttl, InetAddress.getByName(address));
  }

  static JournalStep step(long from, long to, List<Record> removed, List<Record> added) {
    List<Record> r = new java.util.ArrayList<>(List.of(soa(from)));
    r.addAll(removed);
    List<Record> a = new java.util.ArrayList<>(List.of(soa(to)));
    a.addAll(added);
    return new JournalStep(from, to, r, a);
  }

  @Test
  void oneStepIsItsOwnDifferenceBetweenItsSoas() throws Exception {
    Difference d =
        Difference.condense(
                List.of(
                    step(
                        1,
                        2,
                        List.of(a("www", "192.0.2.1", 300)),
                        List.of(a("www", "192.0.2.2", 300)))))
            .orElseThrow();

    assertThat(d.from()).isEqualTo(soa(1));
    assertThat(d.to()).isEqualTo(soa(2));
    assertThat(d.removed()).containsExactly(a("www", "192.0.2.1", 300));
    assertThat(d.added()).containsExactly(a("www", "192.0.2.2", 300));
  }

  @Test
  void aRecordAddedThenRemovedDisappears() throws Exception {
    Record temporary = a("tmp", "192.0.2.9", 300);
    Difference d =
        Difference.condense(
                List.of(
                    step(1, 2, List.of(), List.of(temporary)),
                    step(2, 3, List.of(temporary), List.of(a("www", "192.0.2.3", 300)))))
            .orElseThrow();

    assertThat(d.from().getSerial()).isEqualTo(1);
    assertThat(d.to().getSerial()).isEqualTo(3);
    assertThat(d.removed()).isEmpty();
    assertThat(d.added()).containsExactly(a("www", "192.0.2.3", 300));
  }

  @Test
  void aRecordRemovedThenAddedBackDisappears() throws Exception {
    Record kept = a("www", "192.0.2.1", 300);
    Difference d =
        Difference.condense(
                List.of(step(1, 2, List.of(kept), List.of()), step(2, 3, List.of(), List.of(kept))))
            .orElseThrow();

    assertThat(d.removed()).isEmpty();
    assertThat(d.added()).isEmpty();
  }

  @Test
  void aTtlChangeIsARemovalAndAnAddition() throws Exception {
    Record before = a("www", "192.0.2.1", 300);
    Record after = a("www", "192.0.2.1", 600);
    Difference d =
        Difference.condense(
                List.of(
                    step(1, 2, List.of(before), List.of(after)),
                    step(2, 3, List.of(), List.of(a("mail", "192.0.2.5", 300)))))
            .orElseThrow();

    assertThat(d.removed()).singleElement().extracting(Record::getTTL).isEqualTo(300L);
    assertThat(d.added()).extracting(Record::getTTL).containsExactly(600L, 300L);
  }

  @Test
  void aTtlChangedBackWithinTheStepsCancels() throws Exception {
    Record short_ = a("www", "192.0.2.1", 300);
    Record long_ = a("www", "192.0.2.1", 600);
    Difference d =
        Difference.condense(
                List.of(
                    step(1, 2, List.of(short_), List.of(long_)),
                    step(2, 3, List.of(long_), List.of(short_))))
            .orElseThrow();

    assertThat(d.removed()).isEmpty();
    assertThat(d.added()).isEmpty();
  }

  @Test
  void noStepsOrAStepWithoutItsSoasMakeNoDifference() throws Exception {
    assertThat(Difference.condense(List.of())).isEmpty();
    assertThat(
            Difference.condense(
                List.of(new JournalStep(1, 2, List.of(), List.of(a("www", "192.0.2.1", 300))))))
        .isEmpty();
  }
}
