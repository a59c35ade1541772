package io.zonecast.poolmanager.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InMemoryPropagationTrackerTest {

  final PropagationTracker tracker = new InMemoryPropagationTracker();
  final ZoneRef zone = new ZoneRef(UUID.randomUUID(), "example.org.", UUID.randomUUID(), 1);

  Propagation propagation(long serial) {
    return propagation(serial, Instant.now());
  }

  Propagation propagation(long serial, Instant startedAt) {
    return new Propagation(
        RequestContext.system("req-" + serial),
        zone.withSerial(serial),
        ZoneAction.UPDATE,
        List.of("127.0.0.1:53"),
        startedAt);
  }

  @Test
  void aNewerChangeSupersedesTheOlderOne() {
    Propagation older = propagation(10);
    Propagation newer = propagation(20);
    assertThat(tracker.begin(older)).isTrue();
    assertThat(tracker.begin(newer)).isTrue();
    assertThat(tracker.get(zone.id())).containsSame(newer);
    assertThat(tracker.end(older)).as("the superseded change reports nothing").isFalse();
    assertThat(tracker.size()).isOne();
  }

  @Test
  void anOlderChangeArrivingLateIsNotTracked() {
    Propagation newer = propagation(20);
    assertThat(tracker.begin(newer)).isTrue();
    assertThat(tracker.begin(propagation(10))).isFalse();
    assertThat(tracker.get(zone.id())).containsSame(newer);
  }

  @Test
  void theSameSerialAgainStartsOver() {
    Propagation first = propagation(20);
    Propagation again = propagation(20);
    tracker.begin(first);
    assertThat(tracker.begin(again)).isTrue();
    assertThat(tracker.end(first)).isFalse();
    assertThat(tracker.end(again)).isTrue();
  }

  @Test
  void aPropagationEndsOnceAndIsForgotten() {
    Propagation p = propagation(20);
    tracker.begin(p);
    assertThat(tracker.end(p)).isTrue();
    assertThat(tracker.end(p)).isFalse();
    assertThat(tracker.get(zone.id())).isEmpty();
    assertThat(tracker.size()).isZero();
  }

  @Test
  void serialsAboveTwoToTheThirtyOneAreOrderedByRfc1982() {
    Propagation high = propagation(3_000_000_000L);
    Propagation wrapped = propagation(5); // 5 follows 3,000,000,000 after wrapping past 2^32 - 1
    assertThat(tracker.begin(high)).isTrue();
    assertThat(tracker.begin(wrapped)).isTrue();
    assertThat(tracker.begin(propagation(4_294_967_295L))).isFalse();
    assertThat(tracker.get(zone.id())).containsSame(wrapped);
  }

  @Test
  void aSerialBelowTwoToTheThirtyOneIsOlderThanOneJustAboveIt() {
    Propagation above = propagation(2_147_483_650L);
    assertThat(tracker.begin(above)).isTrue();
    assertThat(tracker.begin(propagation(10))).isFalse();
  }

  @Test
  void cancelForgetsTheZone() {
    tracker.begin(propagation(20));
    tracker.cancel(zone.id());
    assertThat(tracker.get(zone.id())).isEmpty();
  }

  @Test
  void startedBeforeListsOnlyOldPropagationsOldestFirst() {
    Instant now = Instant.parse("2026-11-22T12:00:00Z");
    ZoneRef other = new ZoneRef(UUID.randomUUID(), "other.org.", UUID.randomUUID(), 1);
    Propagation old = propagation(20, now.minusSeconds(100));
    Propagation older =
        new Propagation(
            RequestContext.system("r"),
            other,
            ZoneAction.CREATE,
            List.of("127.0.0.1:53"),
            now.minusSeconds(200));
    tracker.begin(old);
    tracker.begin(older);
    assertThat(tracker.startedBefore(now.minusSeconds(50))).containsExactly(older, old);
    assertThat(tracker.startedBefore(now.minusSeconds(150))).containsExactly(older);
  }
}
