package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.testsupport.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * A pool whose targets are one BIND9 (rndc) and one Knot DNS ({@code knot} target, knotc on its
 * control socket), both also the pool's nameservers. Knot starts knowing no zone, remote or ACL:
 * what it serves is what the pool manager configured. A zone turns ACTIVE only when both serve it,
 * a change reaches Knot by NOTIFY and transfer, and a delete finishes with the zone, its file and
 * its configuration gone from Knot.
 */
class KnotTargetSystemIT {

  static ApiClient api;

  @RegisterExtension
  static final StackExtension stack =
      StackExtension.named("knot_target")
          .options(o -> o.layout(ZonecastStack.Layout.BIND_AND_KNOT))
          // a short sync interval: the pool manager's check that every target still has its zones
          .poolManager("--zonecast.pool-manager.sync.interval=2s")
          .started(s -> api = s.api);

  @Test
  void aZoneGoesActiveOnBind9AndKnotItsChangeReachesKnotAndItsDeleteRemovesIt() throws Exception {
    String id = stack.zones().createActive("knot");
    String zone = nameOf(id);
    long first = serialOf(id);
    assertThat(stack.bindA().soaSerial(zone)).hasValue(first);
    assertThat(stack.get().knot.soaSerial(zone)).hasValue(first);
    assertThat(stack.get().knot.knotc("conf-read zone[" + zone + "].master\n"))
        .contains("zone[" + zone + "].master = zonecast-127.0.0.1-" + stack.minidnsPort());

    stack.zones().addA(id, "new." + zone, "192.0.2.55");
    stack.zones().awaitStatus(id, "ACTIVE", Duration.ofSeconds(60));
    long second = serialOf(id);
    assertThat(second).isGreaterThan(first);
    // ACTIVE means every nameserver, Knot too, answered the new serial to the pool manager's poll
    assertThat(stack.get().knot.soaSerial(zone)).hasValue(second);
    OtherSecondariesSystemIT.assertServesNewRecord(stack.get().knot.query("new." + zone, Type.A));
    assertThat(stack.get().knot.log())
        .contains("[" + zone + "] notify, incoming, remote 127.0.0.1@");

    assertThat(api.delete("/v2/zones/" + id).status()).isEqualTo(202);
    await("zone deleted")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(api.get("/v2/zones/" + id).status()).isEqualTo(404));
    assertThat(stack.get().knot.query(zone, Type.SOA).getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(stack.bindA().query(zone, Type.SOA).getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(stack.get().knot.knotc("conf-read zone[" + zone + "]\n"))
        .contains("invalid identifier");
    try (Stream<Path> files = Files.list(stack.get().knot.directory().resolve("zones"))) {
      assertThat(files.map(f -> f.getFileName().toString())).noneMatch(f -> f.startsWith(zone));
    }
  }

  /**
   * Knot reading a text configuration forgets the zones added through its socket when it restarts;
   * the pool manager's sync finds them missing (REFUSED) and adds them again.
   */
  @Test
  void zonesAKnotForgotAtItsRestartAreAddedAgain() throws Exception {
    String id = stack.zones().createActive("knot-restart");
    String zone = nameOf(id);
    long serial = serialOf(id);
    assertThat(stack.get().knot.soaSerial(zone)).hasValue(serial);

    int logBefore = stack.get().knot.log().length();
    stack.get().knot.restart();

    await("the sync adds " + zone + " to Knot again")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> stack.get().knot.soaSerial(zone).equals(OptionalLong.of(serial)));
    assertThat(stack.get().knot.knotc("conf-read zone[" + zone + "].master\n"))
        .contains("zonecast-127.0.0.1-" + stack.minidnsPort());
    // Knot's log is appended to across the restart: after it, the zone came back through a commit
    assertThat(stack.get().knot.log().substring(logBefore))
        .contains("control, received command 'conf-commit'");
  }

  static String nameOf(String id) {
    return api.get("/v2/zones/" + id).body().get("name").asString();
  }

  static long serialOf(String id) {
    return api.get("/v2/zones/" + id).body().get("serial").asLong();
  }
}
