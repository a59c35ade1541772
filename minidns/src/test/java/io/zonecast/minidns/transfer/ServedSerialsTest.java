package io.zonecast.minidns.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class ServedSerialsTest {

  final ServedSerials served = new ServedSerials();
  final Name zone = Name.fromConstantString("example.org.");

  @Test
  void aWaitEndsWithTheTransferOfItsSerialOrANewerOneNotAnOlder() throws Exception {
    var wait = served.servedAtLeast(zone, 10, Duration.ofMinutes(1));

    served.begin(zone).taken(9);
    assertThat(wait).isNotDone();
    served.begin(zone).taken(11);

    assertThat(wait.get()).isTrue();
    assertThat(served.waiting()).isZero();
  }

  @Test
  void aTransferServedBeforeTheWaitEndsItAtOnce() throws Exception {
    served.begin(zone).taken(10);

    assertThat(served.servedAtLeast(zone, 10, Duration.ofMinutes(1)).get()).isTrue();
  }

  @Test
  void aWaitWithoutTransferEndsFalseAfterItsBoundAndIsForgotten() throws Exception {
    var wait = served.servedAtLeast(zone, 10, Duration.ofMillis(1));

    assertThat(wait.get()).isFalse();
    assertThat(served.waiting()).isZero();
  }

  @Test
  void anotherZonesTransferDoesNotEndTheWait() {
    var wait = served.servedAtLeast(zone, 10, Duration.ofMinutes(1));

    served.begin(Name.fromConstantString("example.net.")).taken(10);

    assertThat(wait).isNotDone();
  }

  @Test
  void aWaitEndsOnlyWhenNoOtherTransferOfTheZoneIsUnderWay() throws Exception {
    var first = served.begin(zone);
    var second = served.begin(zone);
    var wait = served.servedAtLeast(zone, 10, Duration.ofMinutes(1));

    first.taken(10);
    assertThat(wait).as("the other secondary is still transferring").isNotDone();
    assertThat(served.servedAtLeast(zone, 10, Duration.ZERO).get()).isFalse();
    second.taken(10);

    assertThat(wait.get()).isTrue();
  }

  @Test
  void anAbandonedTransferEndsTheWaitForOneTaken() throws Exception {
    var first = served.begin(zone);
    var second = served.begin(zone);
    var wait = served.servedAtLeast(zone, 10, Duration.ofMinutes(1));

    first.taken(10);
    second.abandoned();
    second.abandoned();

    assertThat(wait.get()).isTrue();
    var third = served.begin(zone);
    third.taken(9);
    assertThat(served.servedAtLeast(zone, 10, Duration.ZERO).get())
        .as("an older serial taken later does not undo the newer one")
        .isTrue();
  }

  @Test
  void aTransferEndedTwiceCountsOnce() throws Exception {
    var first = served.begin(zone);
    var second = served.begin(zone);
    first.taken(10);
    first.taken(10);

    assertThat(served.servedAtLeast(zone, 10, Duration.ZERO).get()).isFalse();
    second.abandoned();
    assertThat(served.servedAtLeast(zone, 10, Duration.ZERO).get()).isTrue();
  }

  @Test
  void aWaitForNoTransferEndsWhenTheLastOfTheZoneEndsTakenOrNot() throws Exception {
    assertThat(served.noTransferUnderway(zone, Duration.ZERO).get()).as("none at all").isTrue();
    var first = served.begin(zone);
    var second = served.begin(zone);
    var wait = served.noTransferUnderway(zone, Duration.ofMinutes(1));
    served.begin(Name.fromConstantString("other.example.")).taken(3);

    first.taken(10);
    assertThat(wait).isNotDone();
    second.abandoned();

    assertThat(wait.get()).isTrue();
    assertThat(served.waiting()).isZero();
  }

  @Test
  void aWaitForNoTransferEndsFalseAfterItsBound() throws Exception {
    served.begin(zone);

    assertThat(served.noTransferUnderway(zone, Duration.ofMillis(1)).get()).isFalse();
    assertThat(served.noTransferUnderway(zone, Duration.ofMillis(-5)).get()).isFalse();
    assertThat(served.waiting()).isZero();
  }
}
