package io.zonecast.systemtests;

import static io.zonecast.systemtests.TargetFailureSystemIT.serviceStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Secondary;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;
import tools.jackson.databind.JsonNode;

/**
 * Targets, nameservers and masters given by host name, resolved through a hosts file the services
 * are pointed at ({@code zonecast.resolve.hosts-file}; /etc/hosts is left alone): a BIND9 whose
 * address changes is followed with no restart of any zonecast service, and MiniDNS lets it transfer
 * from its new address only; a name with two addresses where only the second answers works through
 * failover.
 */
class HostNamesSystemIT {

  static final String MOVING = "ns-moving.zonecast.test";
  static final String FAILOVER = "ns-failover.zonecast.test";
  static final String MINIDNS = "minidns.zonecast.test";

  static HostsFile hosts;
  static Bind9Secondary moving;
  static Bind9Secondary failover;
  static ApiClient api;

  @RegisterExtension
  static final StackExtension stack =
      StackExtension.named("hostnames")
          .before(() -> {
            hosts = HostsFile.create();
            writeHosts("127.0.0.21");
            return hosts;
          })
          .before(() -> moving = Bind9Secondary.start("moving", "127.0.0.21"))
          // the name's first address, 127.0.0.31, has nothing listening: everything fails over to
          // .32
          .before(() -> failover = Bind9Secondary.start("failover", "127.0.0.32"))
          .poolManager(TargetFailureSystemIT.fastFailureHandling(100))
          .options(o ->
              o.ownPools(
                  new ZonecastStack.OwnPools(
                      (minidnsPort, secondaries) -> poolsFile(minidnsPort, secondaries.getFirst()),
                      hosts.settings(),
                      // only the pools file's servers may transfer, not all of 127/8
                      List.of("--zonecast.minidns.allow-transfer=::1/128"))))
          .started(s -> api = s.api);

  /** The hosts file with the moving BIND9 at this address. */
  static void writeHosts(String movingAddress) throws IOException {
    hosts.write(
        """
        # written by HostNamesSystemIT
        127.0.0.1 %s
        %s %s
        127.0.0.31 %s
        127.0.0.32 %s
        """
            .formatted(MINIDNS, movingAddress, MOVING, FAILOVER, FAILOVER));
  }

  /** The stack's first BIND9 by address; the moving and the failover BIND9 by name. */
  static String poolsFile(int minidnsPort, Bind9Secondary byAddress) {
    StringBuilder yaml =
        new StringBuilder(
            """
            - name: default
              ns_records:
                - hostname: ns1.zonecast.test.
                  priority: 1
              nameservers:
                - host: 127.0.0.1
                  port: %d
                - host: %s
                  port: %d
                - host: %s
                  port: %d
              targets:
            """
                .formatted(byAddress.port(), MOVING, moving.port(), FAILOVER, failover.port()));
    yaml.append(target(minidnsPort, "127.0.0.1", byAddress));
    yaml.append(target(minidnsPort, MOVING, moving));
    yaml.append(target(minidnsPort, FAILOVER, failover));
    return yaml.toString();
  }

  static String target(int minidnsPort, String host, Bind9Secondary bind) {
    return """
        - type: bind9
          masters:
            - host: %s
              port: %d
          options:
            host: %s
            port: %d
            rndc_host: %s
            rndc_port: %d
            rndc_key_file: %s
    """
        .formatted(
            MINIDNS, minidnsPort, host, bind.port(), host, bind.rndcPort(), bind.rndcKeyFile());
  }

  @Test
  void whenATargetsNameMovesToAnotherAddressThePoolFollowsWithoutRestart() throws Exception {
    String zone = stack.zones().createActive("moving");
    String zoneName = stack.zones().name(zone);
    assertThat(moving.soaSerial(zoneName)).hasValue(serial(zone));
    awaitTargetAt(MOVING + ":" + moving.port(), List.of("127.0.0.21"));

    moving.moveTo("127.0.0.22");
    writeHosts("127.0.0.22");

    stack.zones().addA(zone, "www." + zoneName, "192.0.2.10");
    stack.zones().awaitStatus(zone, "ACTIVE", Duration.ofSeconds(90));
    assertThat(moving.address()).isEqualTo("127.0.0.22");
    assertThat(moving.soaSerial(zoneName)).hasValue(serial(zone));
    assertThat(moving.query("www." + zoneName, Type.A).getRcode()).isEqualTo(Rcode.NOERROR);

    String created = stack.zones().createActive("moved");
    assertThat(moving.soaSerial(stack.zones().name(created)))
        .as("added with rndc at the new address, transferred from there")
        .hasValue(serial(created));
    awaitTargetAt(MOVING + ":" + moving.port(), List.of("127.0.0.22"));

    assertThat(axfrFrom("127.0.0.22", zoneName)).as("the new address may transfer").isPositive();
    assertThatThrownBy(() -> axfrFrom("127.0.0.21", zoneName))
        .as("the old address may not any more")
        // a source outside the pools has its connection closed at accept (EOF), or is REFUSED
        .isInstanceOfAny(ZoneTransferException.class, java.io.IOException.class);
    assertThatThrownBy(() -> axfrFrom("127.0.0.23", zoneName))
        .as("nor may an address no server has")
        // a source outside the pools has its connection closed at accept (EOF), or is REFUSED
        .isInstanceOfAny(ZoneTransferException.class, java.io.IOException.class);
  }

  @Test
  void aNameWithTwoAddressesWorksWhenOnlyTheSecondAnswers() throws Exception {
    String zone = stack.zones().createActive("failover");
    String zoneName = stack.zones().name(zone);
    assertThat(failover.soaSerial(zoneName)).hasValue(serial(zone));

    stack.zones().addA(zone, "www." + zoneName, "192.0.2.20");
    stack.zones().awaitStatus(zone, "ACTIVE", Duration.ofSeconds(90));
    assertThat(failover.soaSerial(zoneName)).hasValue(serial(zone));
    awaitTargetAt(FAILOVER + ":" + failover.port(), List.of("127.0.0.31", "127.0.0.32"));
  }

  /** The pool manager's heartbeat shows the nameserver up at these addresses. */
  static void awaitTargetAt(String nameserver, List<String> addresses) {
    await(nameserver + " up at " + addresses)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> {
          JsonNode target =
              serviceStatus(api, "pool-manager").get("stats").get("targets").get(nameserver);
          assertThat(target).as("service status of %s", nameserver).isNotNull();
          assertThat(target.get("up").asBoolean()).isTrue();
          List<String> shown = new ArrayList<>();
          target.get("addresses").forEach(address -> shown.add(address.asString()));
          assertThat(shown).isEqualTo(addresses);
        });
  }

  /** The records of an AXFR of {@code zone} from MiniDNS, asked from {@code source}. */
  static int axfrFrom(String source, String zone) throws Exception {
    ZoneTransferIn axfr =
        ZoneTransferIn.newAXFR(Name.fromString(zone), "127.0.0.1", stack.minidnsPort(), null);
    axfr.setLocalAddress(new InetSocketAddress(source, 0));
    axfr.setTimeout(Duration.ofSeconds(10));
    axfr.run();
    return axfr.getAXFR().size();
  }

  static long serial(String zoneId) throws Exception {
    return api.get("/v2/zones/" + zoneId).body().get("serial").asLong();
  }
}
