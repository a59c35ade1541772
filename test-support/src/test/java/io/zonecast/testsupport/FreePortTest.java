package io.zonecast.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** freePort releases the port it found, so it must never hand the same one out twice. */
class FreePortTest {

  @Test
  void noPortIsHandedOutTwiceInOneJvmEvenFromManyThreads() {
    List<Integer> handedOut =
        IntStream.range(0, 400).parallel().mapToObj(i -> Bind9Secondary.freePort()).toList();
    assertThat(new HashSet<>(handedOut)).hasSize(handedOut.size());
    assertThat(handedOut).allMatch(p -> p >= 20_000 && p < 30_000);
  }
}
