package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Secondary;
import io.zonecast.testsupport.KnotSecondary;
import io.zonecast.testsupport.NsdSecondary;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The BIND9 IXFR test ({@link IxfrSystemIT}) against Knot DNS and NSD: the zone is created and
 * changed through the REST API (so central writes the journal as in production), each secondary is
 * given the zone by hand with MiniDNS as its primary, takes it by AXFR, is NOTIFYd by MiniDNS as
 * one of the pool's also_notifies after a one-record change, takes that change by IXFR and serves
 * the new record. The pool manager neither provisions nor polls Knot and NSD: the zone turns ACTIVE
 * on the pool's two BIND9.
 */
class OtherSecondariesSystemIT {

  static final int MINIDNS_PORT = Bind9Secondary.freePort();
  static KnotSecondary knot;
  static NsdSecondary nsd;
  static ApiClient api;

  @RegisterExtension
  static final StackExtension stack =
      StackExtension.named("other_secondaries")
          .before(() -> knot = KnotSecondary.start("other-secondaries", MINIDNS_PORT))
          .before(() -> nsd = NsdSecondary.start("other-secondaries", MINIDNS_PORT))
          .options(
              o -> o.minidnsPort(MINIDNS_PORT).alsoNotifyPorts(List.of(knot.port(), nsd.port())))
          .started(s -> api = s.api);

  @Test
  void knotTakesTheZoneByAxfrThenAOneRecordChangeByIxfr() throws Exception {
    String id = stack.zones().createActive("knot");
    String zone = nameOf(id);
    long first = serialOf(id);

    knot.addZone(zone);
    awaitSerial(() -> knot.soaSerial(zone), first);
    String afterAxfr = knotLogOf(zone);
    assertThat(afterAxfr)
        .as("Knot's log of the first transfer:%n%s", afterAxfr)
        .contains("AXFR, incoming, remote 127.0.0.1@" + stack.minidnsPort() + ", finished")
        .doesNotContain("IXFR, incoming");

    stack.zones().addA(id, "new." + zone, "192.0.2.55");
    stack.zones().awaitStatus(id, "ACTIVE", Duration.ofSeconds(60));
    long second = serialOf(id);

    awaitSerial(() -> knot.soaSerial(zone), second);
    assertServesNewRecord(knot.query("new." + zone, Type.A));
    String change = knotLogOf(zone).substring(afterAxfr.length());
    assertThat(change)
        .as("Knot's log of the second transfer:%n%s", change)
        .contains("notify, incoming, remote 127.0.0.1@")
        .contains("IXFR, incoming, remote 127.0.0.1@" + stack.minidnsPort() + ", finished")
        .contains("serial " + first + " -> " + second)
        .doesNotContain("AXFR-style")
        .doesNotContain("fallback to AXFR")
        .doesNotContain("AXFR, incoming");
  }

  @Test
  void nsdTakesTheZoneByAxfrThenAOneRecordChangeByIxfr() throws Exception {
    String id = stack.zones().createActive("nsd");
    String zone = nameOf(id);
    String apex = zone.substring(0, zone.length() - 1);
    long first = serialOf(id);

    nsd.addZone(zone);
    awaitSerial(() -> nsd.soaSerial(zone), first);
    assertThat(nsd.log())
        .contains("zone " + apex + " committed \"received update to serial " + first);
    // NSD keeps IXFR data only of transfers that came as IXFR (create-ixfr: no)
    assertThat(nsd.storedIxfr(zone)).as("IXFR data after the first transfer").isEmpty();

    stack.zones().addA(id, "new." + zone, "192.0.2.55");
    stack.zones().awaitStatus(id, "ACTIVE", Duration.ofSeconds(60));
    long second = serialOf(id);

    awaitSerial(() -> nsd.soaSerial(zone), second);
    assertServesNewRecord(nsd.query("new." + zone, Type.A));
    assertThat(nsd.log())
        .contains("notify for " + zone + " from 127.0.0.1")
        .contains("zone " + apex + " committed \"received update to serial " + second);
    assertThat(nsd.storedIxfr(zone))
        .as("the IXFR NSD received; its log:%n%s", nsd.log())
        .hasValueSatisfying(ixfr ->
            assertThat(ixfr)
                .contains("; from_serial " + first + "\n")
                .contains("; to_serial " + second + "\n")
                .contains("from 127.0.0.1@" + stack.minidnsPort())
                .containsPattern(
                    "(?m)^new\\."
                        + apex.replace(".", "\\.")
                        + "\\.\\s+\\d+\\s+IN\\s+A\\s+192\\.0\\.2\\.55$"));
  }

  static String nameOf(String id) {
    return api.get("/v2/zones/" + id).body().get("name").asString();
  }

  static long serialOf(String id) {
    return api.get("/v2/zones/" + id).body().get("serial").asLong();
  }

  static void awaitSerial(Callable<OptionalLong> serial, long expected) {
    await("secondary serves serial " + expected)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> serial.call().orElse(-1) == expected);
  }

  static void assertServesNewRecord(Message answer) {
    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.getSection(Section.ANSWER))
        .singleElement()
        .satisfies(
            r -> assertThat(((ARecord) r).getAddress().getHostAddress()).isEqualTo("192.0.2.55"));
  }

  /** Knot's log lines about {@code zone} (absolute name, as Knot writes it in brackets). */
  static String knotLogOf(String zone) throws IOException {
    StringBuilder lines = new StringBuilder();
    for (String line : knot.log().split("\n")) {
      if (line.contains("[" + zone + "]")) {
        lines.append(line).append('\n');
      }
    }
    return lines.toString();
  }
}
