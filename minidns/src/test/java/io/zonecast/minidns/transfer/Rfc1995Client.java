package io.zonecast.minidns.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;

/**
 * What a secondary does with the answer to an IXFR (RFC 1995 section 4), strictly: a single SOA
 * means it is current, an AXFR-form answer replaces the zone, and every difference of an
 * incremental answer must delete only RRs it holds and add only RRs it lacks.
 */
final class Rfc1995Client {

  private Rfc1995Client() {}

  static boolean isIncremental(List<Record> answer) {
    // an AXFR-form answer of a zone with no RRs but its SOA is two SOAs; a difference is four or
    // more
    return answer.size() > 2 && answer.get(1) instanceof SOARecord;
  }

  /** The zone (its RRs, SOA left out) after applying {@code answer} to {@code held} at serial. */
  static Set<Difference.Rr> apply(List<Record> answer, long serial, Set<Difference.Rr> held) {
    SOARecord current = (SOARecord) answer.getFirst();
    if (answer.size() == 1) {
      return held;
    }
    assertThat(answer.getLast()).isEqualTo(current);
    Set<Difference.Rr> zone = new HashSet<>();
    if (!isIncremental(answer)) {
      answer.subList(1, answer.size() - 1).forEach(r -> zone.add(Difference.Rr.of(r)));
      return zone;
    }
    zone.addAll(held);
    long at = serial;
    int i = 1;
    while (i < answer.size() - 1) {
      SOARecord old = (SOARecord) answer.get(i++);
      assertThat(old.getSerial()).as("difference starts at the serial held").isEqualTo(at);
      for (; !(answer.get(i) instanceof SOARecord); i++) {
        assertThat(zone.remove(Difference.Rr.of(answer.get(i))))
            .as("deletes an RR it holds: %s", answer.get(i))
            .isTrue();
      }
      SOARecord next = (SOARecord) answer.get(i++);
      for (; !(answer.get(i) instanceof SOARecord); i++) {
        assertThat(zone.add(Difference.Rr.of(answer.get(i))))
            .as("adds an RR it lacks: %s", answer.get(i))
            .isTrue();
      }
      at = next.getSerial();
    }
    assertThat(at).isEqualTo(current.getSerial());
    return zone;
  }
}
