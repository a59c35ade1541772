package io.zonecast.poolmanager.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.model.messaging.RequestContext;
import io.zonecast.runtime.logging.LogContext;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class ZoneWorkTest {

  final ZoneWork work = new ZoneWork();

  @AfterEach
  void stop() {
    work.stop();
  }

  @Test
  void changesOfOneZoneRunInArrivalOrder() {
    UUID zone = UUID.randomUUID();
    CountDownLatch release = new CountDownLatch(1);
    List<String> order = new CopyOnWriteArrayList<>();
    work.submit(zone, RequestContext.system("a"), () -> await(release, () -> order.add("CREATE")));
    CompletableFuture<Void> last =
        work.submit(zone, RequestContext.system("b"), () -> order.add("DELETE"));
    release.countDown();
    last.join();
    assertThat(order).containsExactly("CREATE", "DELETE");
  }

  @Test
  void aBlockedZoneDoesNotHoldUpAnother() {
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> blocked =
        work.submit(UUID.randomUUID(), RequestContext.system("a"), () -> await(release, () -> {}));
    work.submit(UUID.randomUUID(), RequestContext.system("b"), () -> {}).join();
    assertThat(blocked).isNotDone();
    release.countDown();
    blocked.join();
  }

  @Test
  void aFailedChangeFailsItsFutureButDoesNotStopTheNextOneAndFinishedZonesAreForgotten() {
    UUID zone = UUID.randomUUID();
    var failed =
        work.submit(
            zone,
            RequestContext.system("a"),
            () -> {
              throw new IllegalStateException("boom");
            });
    List<String> ran = new CopyOnWriteArrayList<>();
    work.submit(zone, RequestContext.system("b"), () -> ran.add("next")).join();
    assertThat(ran).containsExactly("next");
    // its message is then tried again and dead-lettered, not acknowledged as if it had worked
    org.assertj.core.api.Assertions.assertThatThrownBy(failed::join)
        .hasRootCauseInstanceOf(IllegalStateException.class);
    org.awaitility.Awaitility.await().until(() -> work.zonesInProgress() == 0);
  }

  @Test
  void theRequestIdIsInTheLogContextWhileAChangeRuns() {
    List<String> seen = new CopyOnWriteArrayList<>();
    work.submit(
            UUID.randomUUID(),
            RequestContext.system("req-42"),
            () -> seen.add(MDC.get(LogContext.REQUEST_ID)))
        .join();
    assertThat(seen).containsExactly("req-42");
  }

  private static void await(CountDownLatch latch, Runnable then) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    then.run();
  }
}
