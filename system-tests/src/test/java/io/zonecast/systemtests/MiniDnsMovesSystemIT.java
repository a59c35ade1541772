package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Secondary;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * MiniDNS moves to another address and its host name with it (a hosts file the services are pointed
 * at): the pool manager's heartbeat sees the name move and re-points the zones BIND9 already has
 * (modzone), so a change made afterwards still reaches BIND9 and the zone turns ACTIVE, with no
 * restart of the pool manager or of BIND9. Without the re-point BIND9 would go on asking the old
 * address, where nothing answers, and refuse MiniDNS's NOTIFYs from the new one.
 */
class MiniDnsMovesSystemIT {

  static final String MINIDNS = "minidns.moves.zonecast.test";

  static HostsFile hosts;
  static ApiClient api;

  @RegisterExtension
  static final StackExtension stack =
      StackExtension.named("minidnsmoves")
          .before(() -> {
            hosts = HostsFile.create();
            writeHosts("127.0.0.1");
            return hosts;
          })
          .poolManager(TargetFailureSystemIT.fastFailureHandling(100))
          .options(o ->
              o.ownPools(
                  new ZonecastStack.OwnPools(
                      (minidnsPort, secondaries) -> poolsFile(minidnsPort, secondaries.getFirst()),
                      hosts.settings(),
                      List.of())))
          .started(s -> api = s.api);

  /** The hosts file with MiniDNS at this address. */
  static void writeHosts(String minidnsAddress) throws IOException {
    hosts.write(minidnsAddress + " " + MINIDNS + "\n");
  }

  /** One pool of the stack's first BIND9, whose master is MiniDNS by name. */
  static String poolsFile(int minidnsPort, Bind9Secondary bind) {
    return """
    - name: default
      ns_records:
        - hostname: ns1.zonecast.test.
          priority: 1
      nameservers:
        - host: 127.0.0.1
          port: %2$d
      targets:
        - type: bind9
          masters:
            - host: %1$s
              port: %5$d
          options:
            host: 127.0.0.1
            port: %2$d
            rndc_host: 127.0.0.1
            rndc_port: %3$d
            rndc_key_file: %4$s
    """
        .formatted(MINIDNS, bind.port(), bind.rndcPort(), bind.rndcKeyFile(), minidnsPort);
  }

  @Test
  void zonesFollowMiniDnsToItsNewAddressAndTakeChangesFromThere() throws Exception {
    Bind9Secondary bind = stack.bindA();
    String zone = stack.zones().createActive("before-move");
    String zoneName = stack.zones().name(zone);
    assertThat(bind.rndc("showzone", zoneName)).contains("primaries { 127.0.0.1 port ");

    stack.get().restartMinidns(List.of("--zonecast.minidns.host=127.0.0.2"));
    writeHosts("127.0.0.2");
    await("the heartbeat re-points " + zoneName)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() ->
            assertThat(bind.rndc("showzone", zoneName))
                .contains("primaries { 127.0.0.2 port " + stack.minidnsPort() + "; }"));

    stack.zones().addA(zone, "www." + zoneName, "192.0.2.30");
    stack.zones().awaitStatus(zone, "ACTIVE", Duration.ofSeconds(90));
    assertThat(bind.soaSerial(zoneName)).hasValue(serial(zone));
    assertThat(bind.query("www." + zoneName, Type.A).getSection(Section.ANSWER))
        .singleElement()
        .satisfies(
            r -> assertThat(((ARecord) r).getAddress().getHostAddress()).isEqualTo("192.0.2.30"));
    assertThat(stack.get().poolManagerLog())
        .contains("host " + MINIDNS + " now resolves to [127.0.0.2]");
  }

  static long serial(String zoneId) throws Exception {
    return api.get("/v2/zones/" + zoneId).body().get("serial").asLong();
  }
}
