package io.zonecast.central.recordset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

  static final Instant T = Instant.parse("2026-12-05T13:00:00.123Z");

  @Test
  void idsAreVersionSevenWithTheClocksMillisecondsFirst() {
    UUID id = new TimeOrderedIds(Clock.fixed(T, ZoneOffset.UTC)).next();

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(T.toEpochMilli());
  }

  @Test
  void idsOfOneGeneratorAscendEvenWithinOneMillisecond() {
    TimeOrderedIds ids = new TimeOrderedIds(Clock.fixed(T, ZoneOffset.UTC));
    List<UUID> made = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      made.add(ids.next());
    }

    // PostgreSQL orders uuids by their bytes, unsigned: as their text
    List<String> texts = made.stream().map(UUID::toString).toList();
    assertThat(texts).isSorted().doesNotHaveDuplicates();
    // 4,096 ids a millisecond at most: past that the time moves on
    long lastMillis = made.getLast().getMostSignificantBits() >>> 16;
    assertThat(lastMillis).isBetween(T.toEpochMilli() + 4, T.toEpochMilli() + 5);
    assertThat(made).allMatch(u -> u.version() == 7 && u.variant() == 2);
  }

  @Test
  void aLaterMillisecondStartsAboveTheEarlierOnesIds() {
    Instant[] now = {T};
    Clock ticking =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now[0];
          }
        };
    TimeOrderedIds ids = new TimeOrderedIds(ticking);
    UUID first = ids.next();
    now[0] = T.plusMillis(1);
    UUID second = ids.next();

    assertThat(first.toString()).isLessThan(second.toString());
    assertThat(second.getMostSignificantBits() >>> 16).isEqualTo(T.toEpochMilli() + 1);
  }
}
