package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.testsupport.ApiClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code threshold-percentage: 50} a change goes ACTIVE while one of two secondaries is down;
 * the secondary that comes back is brought up to the zone's serial by the periodic sync, with
 * nobody touching the zone.
 */
class TargetDownBelowThresholdSystemIT {

  static ApiClient api;

  @RegisterExtension
  static final StackExtension stack =
      StackExtension.named("targethalf")
          .poolManager(TargetFailureSystemIT.fastFailureHandling(50))
          .started(s -> api = s.api);

  @Test
  void aChangeGoesActiveOnTheOtherSecondaryAndTheReturnedOneCatchesUp() throws Exception {
    String id = stack.zones().createActive("half");
    String name = api.get("/v2/zones/" + id).body().get("name").asString();
    long before = api.get("/v2/zones/" + id).body().get("serial").asLong();

    stack.bindB().stop();
    stack.zones().addA(id, "www." + name, "192.0.2.30");
    stack.zones().awaitStatus(id, "ACTIVE", Duration.ofSeconds(60));
    long serial = api.get("/v2/zones/" + id).body().get("serial").asLong();
    assertThat(serial).isNotEqualTo(before);
    assertThat(stack.bindA().soaSerial(name)).hasValue(serial);

    stack.bindB().start();
    await("the returned secondary serves serial " + serial)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(stack.bindB().soaSerial(name)).hasValue(serial));
  }
}
