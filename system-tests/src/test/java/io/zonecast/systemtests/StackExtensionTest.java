package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A class's start-up that fails half way: what did start is stopped, the last started first. */
class StackExtensionTest {

  @Test
  void aStartThatFailsHalfWayStopsWhatStartedInReverseOrderAndFailsWithItsCause() throws Exception {
    List<String> steps = new ArrayList<>();
    IllegalStateException cause = new IllegalStateException("the broker does not start");
    StackExtension extension =
        StackExtension.named("never-started")
            .before(() -> () -> steps.add("first stopped"))
            .before(() -> () -> steps.add("second stopped"))
            .before(() -> {
              throw cause;
            })
            .options(o -> steps.add("stack configured"));

    assertThatThrownBy(() -> extension.beforeAll(null)).isSameAs(cause);
    assertThat(steps).containsExactly("second stopped", "first stopped");
    assertThatThrownBy(extension::get).isInstanceOf(IllegalStateException.class);

    extension.afterAll(null);
    assertThat(steps).as("nothing is stopped twice").hasSize(2);
  }

  @Test
  void aStopThatFailsDoesNotKeepTheOthersRunning() {
    List<String> steps = new ArrayList<>();
    IllegalStateException cause = new IllegalStateException("MiniDNS does not start");
    StackExtension extension =
        StackExtension.named("never-started")
            .before(() -> () -> steps.add("first stopped"))
            .before(() ->
                () -> {
                  throw new IllegalStateException("the second does not stop");
                })
            .before(() -> () -> steps.add("third stopped"))
            .before(() -> {
              throw cause;
            });

    assertThatThrownBy(() -> extension.beforeAll(null))
        .isSameAs(cause)
        .satisfies(e ->
            assertThat(e.getSuppressed())
                .singleElement()
                .satisfies(s -> assertThat(s).hasMessage("the second does not stop")));
    assertThat(steps).containsExactly("third stopped", "first stopped");
  }
}
