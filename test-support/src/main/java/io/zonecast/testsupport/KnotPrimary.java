package io.zonecast.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.util.OptionalLong;

/**
 * A real Knot DNS primary outside zonecast, for SECONDARY zones: its own {@code knotd} on 127.0.0.1
 * and a free port, one zone loaded from its own zone file, NOTIFY to MiniDNS on every change, AXFR
 * and IXFR (from Knot's journal) allowed to 127.0.0.1 by an ACL. The zone is changed through the
 * control socket ({@link #change}: {@code knotc zone-begin / zone-set / zone-commit}, Knot bumping
 * the serial). Knot must be installed ({@code apt-get install -y knot knot-dnsutils}; {@code
 * bin/zonecast test} does it).
 */
public final class KnotPrimary extends TestNameServer {

  private final KnotDirectory knot;
  private final String zone;

  private KnotPrimary(KnotDirectory knot, int port, String zone) {
    super("knotd", knot.dir(), port, knot.log());
    this.knot = knot;
    this.zone = zone;
  }

  /**
   * Starts a primary for {@code zone} (absolute name) with {@code zoneFile} as its content,
   * notifying 127.0.0.1 port {@code notifyPort} (MiniDNS) of every change.
   */
  public static KnotPrimary start(String zone, String zoneFile, int notifyPort) throws IOException {
    KnotDirectory knot = KnotDirectory.create("primary");
    Files.writeString(knot.dir().resolve("zone.db"), zoneFile);
    return ServerProcess.startOnFreePorts(
        () -> new KnotPrimary(knot, Bind9Secondary.freePort(), zone),
        primary -> {
          knot.writeConfig(
              primary.port,
              """
              remote:
                - id: minidns
                  address: 127.0.0.1@%2$d
              acl:
                - id: transfer_to_loopback
                  address: 127.0.0.1
                  action: transfer
              zone:
                - domain: "%3$s"
                  file: "%1$s/zone.db"
                  notify: minidns
                  acl: transfer_to_loopback
              """
                  .formatted(knot.dir(), notifyPort, zone));
          primary.server.launch(knot.command(), primary::servesZone);
        });
  }

  /** knotd opens its port before it has read the zone file: it is ready when it answers the SOA. */
  private boolean servesZone() {
    try {
      return soaSerial().isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  /** The master as the API takes it. */
  public String master() {
    return "127.0.0.1:" + port;
  }

  /**
   * Changes the zone in one transaction of the control socket: {@code commands} are knotc zone
   * commands without the zone name ({@code "zone-set new 120 A 192.0.2.1"} becomes {@code zone-set
   * <zone> new 120 A 192.0.2.1}). Knot increments the serial at the commit, journals the difference
   * (so it serves it as an IXFR) and sends its NOTIFY.
   */
  public String change(String... commands) throws IOException {
    StringBuilder script = new StringBuilder("zone-begin " + zone + "\n");
    for (String command : commands) {
      String[] words = command.strip().split(" ", 2);
      script.append(words[0]).append(' ').append(zone).append(' ').append(words[1]).append('\n');
    }
    script.append("zone-commit ").append(zone).append('\n');
    return knot.knotc(script.toString());
  }

  /** The serial Knot serves for its zone, if it serves it. */
  public OptionalLong soaSerial() throws IOException {
    return server.soaSerial(zone);
  }
}
