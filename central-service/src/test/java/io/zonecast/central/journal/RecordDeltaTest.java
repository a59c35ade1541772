package io.zonecast.central.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RecordDeltaTest {

  static JournalRecord rr(String name, String type, long ttl, String data) {
    return new JournalRecord(name, type, ttl, data);
  }

  @Test
  void recordsKeptAcrossAnUpdateAreNeitherRemovedNorAdded() {
    RecordDelta delta =
        RecordDelta.between(
            JournalRecord.of("www.example.org.", "A", 300, List.of("192.0.2.1", "192.0.2.2")),
            JournalRecord.of("www.example.org.", "A", 300, List.of("192.0.2.2", "192.0.2.3")));

    assertThat(delta.removed()).containsExactly(rr("www.example.org.", "A", 300, "192.0.2.1"));
    assertThat(delta.added()).containsExactly(rr("www.example.org.", "A", 300, "192.0.2.3"));
  }

  @Test
  void recordsAreComparedCanonicallyNotAsText() {
    RecordDelta delta =
        RecordDelta.between(
            List.of(
                rr("Example.org.", "MX", 300, "10 MAIL.example.org."),
                rr("v6.example.org.", "AAAA", 300, "2001:0db8:0:0::1")),
            List.of(
                rr("example.org.", "MX", 300, "10 mail.example.org."),
                rr("v6.example.org.", "AAAA", 300, "2001:db8::1")));

    assertThat(delta.isEmpty()).isTrue();
  }

  @Test
  void aTtlChangeRemovesEveryRecordAtTheOldTtlAndAddsItAtTheNew() {
    RecordDelta delta =
        RecordDelta.between(
            JournalRecord.of("www.example.org.", "A", 300, List.of("192.0.2.1", "192.0.2.2")),
            JournalRecord.of("www.example.org.", "A", 600, List.of("192.0.2.1", "192.0.2.2")));

    assertThat(delta.removed()).extracting(JournalRecord::ttl).containsExactly(300L, 300L);
    assertThat(delta.added()).extracting(JournalRecord::ttl).containsExactly(600L, 600L);
  }

  @Test
  void aRecordAddedAndThenRemovedLeavesNothing() {
    JournalRecord soaOld = rr("example.org.", "SOA", 300, "ns1. h. 1 3600 600 86400 300");
    JournalRecord soaNew = rr("example.org.", "SOA", 300, "ns1. h. 2 3600 600 86400 300");
    JournalRecord www = rr("www.example.org.", "A", 300, "192.0.2.1");

    RecordDelta delta =
        new RecordDelta(List.of(soaOld), List.of(soaNew))
            .then(RecordDelta.added(List.of(www)))
            .then(RecordDelta.removed(List.of(www)));

    assertThat(delta.removed()).containsExactly(soaOld);
    assertThat(delta.added()).containsExactly(soaNew);
  }

  /** For any two versions of a name's records, the delta applied to the first gives the second. */
  @Property(tries = 500)
  void betweenAppliedToBeforeGivesAfter(
      @ForAll @Size(max = 10) List<@IntRange(min = 0, max = 15) Integer> before,
      @ForAll @Size(max = 10) List<@IntRange(min = 0, max = 15) Integer> after) {
    List<JournalRecord> old = records(before);
    List<JournalRecord> fresh = records(after);

    RecordDelta delta = RecordDelta.between(old, fresh);

    Set<CanonicalRecord> zone = canonical(old);
    for (JournalRecord removed : delta.removed()) {
      assertThat(zone.remove(CanonicalRecord.of(removed))).as("removes %s", removed).isTrue();
    }
    for (JournalRecord added : delta.added()) {
      assertThat(zone.add(CanonicalRecord.of(added))).as("adds %s", added).isTrue();
    }
    assertThat(zone).isEqualTo(canonical(fresh));
  }

  /** 16 RRs: 4 addresses x 2 TTLs x 2 spellings of one owner name. */
  static List<JournalRecord> records(List<Integer> picks) {
    List<JournalRecord> records = new ArrayList<>();
    for (int pick : picks) {
      String owner = pick % 2 == 0 ? "www.example.org." : "WWW.Example.org.";
      long ttl = (pick / 2) % 2 == 0 ? 300 : 600;
      records.add(rr(owner, "A", ttl, "192.0.2." + (1 + pick / 4)));
    }
    return records;
  }

  static Set<CanonicalRecord> canonical(List<JournalRecord> records) {
    Set<CanonicalRecord> set = new HashSet<>();
    records.forEach(r -> set.add(CanonicalRecord.of(r)));
    return set;
  }
}
