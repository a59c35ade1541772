package io.zonecast.model.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SerialNumberTest {

  @Property
  void aSerialPlusASmallStepIsNewerEvenAcrossTheWrap(
      @ForAll @LongRange(min = 0, max = SerialNumber.MAX) long start,
      @ForAll @LongRange(min = 1, max = (1L << 31) - 1) long step) {
    SerialNumber s = SerialNumber.of(start);
    SerialNumber later = s.plus(step);
    assertThat(later.isNewerThan(s)).isTrue();
    assertThat(s.isNewerThan(later)).isFalse();
    assertThat(later.isAtLeast(s)).isTrue();
    assertThat(later.compareTo(s)).isPositive();
  }

  @Property
  void nextIsAlwaysNewer(
      @ForAll @LongRange(min = 0, max = SerialNumber.MAX) long current,
      @ForAll @LongRange(min = 0, max = 4_000_000_000L) long clock) {
    SerialNumber s = SerialNumber.of(current);
    assertThat(s.next(clock).isNewerThan(s)).isTrue();
  }

  @Test
  void wrappedSerialIsNewerThanOneJustBelowTwoToThe32() {
    assertThat(SerialNumber.of(5).isNewerThan(SerialNumber.of(4_294_967_290L))).isTrue();
    assertThat(SerialNumber.of(4_294_967_290L).isNewerThan(SerialNumber.of(5))).isFalse();
  }

  @Test
  void serialsAboveTwoToThe31CompareCorrectly() {
    assertThat(SerialNumber.of(3_000_000_001L).isNewerThan(SerialNumber.of(3_000_000_000L)))
        .isTrue();
    assertThat(SerialNumber.of(2_147_483_648L).isNewerThan(SerialNumber.of(2_147_483_647L)))
        .isTrue();
  }

  @Test
  void nextUsesTheClockWhenItIsNewer() {
    assertThat(SerialNumber.of(100).next(1_700_000_000L).value()).isEqualTo(1_700_000_000L);
  }

  @Test
  void nextIncrementsWhenTheSerialIsAheadOfTheClock() {
    assertThat(SerialNumber.of(2_000_000_000L).next(1_700_000_000L).value())
        .isEqualTo(2_000_000_001L);
  }

  @Test
  void nextWrapsAtTwoToThe32() {
    assertThat(SerialNumber.of(SerialNumber.MAX).next(SerialNumber.MAX - 10).value()).isZero();
  }

  @Test
  void serialsHalfTheSpaceApartAreNeitherNewer() {
    assertThat(SerialNumber.of(0).isNewerThan(SerialNumber.of(1L << 31))).isFalse();
    assertThat(SerialNumber.of(1L << 31).isNewerThan(SerialNumber.of(0))).isFalse();
  }

  @Test
  void outOfRangeSerialsAreRefused() {
    assertThatThrownBy(() -> SerialNumber.of(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SerialNumber.of(1L << 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SerialNumber.of(1).plus(1L << 31))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
