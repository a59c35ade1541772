package io.zonecast.minidns.zonesource;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.model.zone.ZoneRef;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class SerialMarksTest {

  static final UUID POOL = UUID.randomUUID();

  final AtomicLong clock = new AtomicLong(1_000);

  static Name apex(int i) {
    return Name.fromConstantString("z" + i + ".example.test.");
  }

  static void notified(SerialMarks marks, int zone) {
    marks.raise(new ZoneRef(UUID.randomUUID(), apex(zone).toString(), POOL, 7));
  }

  @Test
  void aMarkNoLongerHoldsAnswersBackOnceOlderThanMaxAgeAndGoesWithTheNextRaise() {
    SerialMarks marks = new SerialMarks(Duration.ofMinutes(10), 1000, clock::get);
    notified(marks, 1);
    clock.addAndGet(Duration.ofMinutes(10).toNanos());

    assertThat(marks.behind(apex(1), Optional.empty())).as("at max-age still").isTrue();

    clock.addAndGet(1);
    assertThat(marks.behind(apex(1), Optional.empty())).isFalse();
    notified(marks, 2);
    assertThat(marks.size()).isEqualTo(1);
    assertThat(marks.behind(apex(2), Optional.empty())).isTrue();
  }

  @Test
  void neverMoreThanMaxEntriesAreKeptAndTheOldestGoFirst() {
    SerialMarks marks = new SerialMarks(Duration.ofHours(1), 8, clock::get);
    for (int zone = 0; zone < 100; zone++) {
      clock.incrementAndGet();
      notified(marks, zone);
      assertThat(marks.size()).isLessThanOrEqualTo(8);
    }

    assertThat(marks.behind(apex(99), Optional.empty())).as("the newest is kept").isTrue();
    assertThat(marks.behind(apex(0), Optional.empty())).as("the oldest went").isFalse();
  }

  @Test
  void aZoneNotifiedAgainKeepsOneMark() {
    SerialMarks marks = new SerialMarks(Duration.ofHours(1), 8, clock::get);
    UUID id = UUID.randomUUID();
    for (long serial = 1; serial <= 50; serial++) {
      marks.raise(new ZoneRef(id, apex(1).toString(), POOL, serial));
    }

    assertThat(marks.size()).isEqualTo(1);
  }
}
