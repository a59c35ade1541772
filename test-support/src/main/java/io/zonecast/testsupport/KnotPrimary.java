package io.zonecast.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * A real Knot DNS primary outside zonecast, for SECONDARY zones: its own {@code knotd} on 127.0.0.1
 * and a free port, one zone loaded from its own zone file, NOTIFY to MiniDNS on every change, AXFR
 * and IXFR (from Knot's journal) allowed to 127.0.0.1 by an ACL. The zone is changed through the
 * control socket ({@link #change}: {@code knotc zone-begin / zone-set / zone-commit}, Knot bumping
 * the serial). Knot must be installed ({@code apt-get install -y knot knot-dnsutils}; {@code
 * bin/zonecast test} does it).
 */
public final class KnotPrimary implements AutoCloseable {

  private static final String PACKAGES = "knot knot-dnsutils";

  private final Path dir;
  private final int port;
  private final String zone;
  private final ServerProcess server;

  private KnotPrimary(Path dir, int port, String zone) {
    this.dir = dir;
    this.port = port;
    this.zone = zone;
    this.server = new ServerProcess("knotd", dir, port, dir.resolve("knot.log"));
  }

  /**
   * Starts a primary for {@code zone} (absolute name) with {@code zoneFile} as its content,
   * notifying 127.0.0.1 port {@code notifyPort} (MiniDNS) of every change.
   */
  public static KnotPrimary start(String zone, String zoneFile, int notifyPort) throws IOException {
    ServerProcess.executable("knotd", PACKAGES);
    ServerProcess.executable("knotc", PACKAGES);
    Path dir = Files.createTempDirectory("zonecast-knot-primary-");
    Files.createDirectories(dir.resolve("db"));
    Files.writeString(dir.resolve("zone.db"), zoneFile);
    return ServerProcess.startOnFreePorts(
        () -> new KnotPrimary(dir, Bind9Secondary.freePort(), zone),
        knot -> {
          knot.writeConfig(notifyPort);
          knot.server.launch(knot.command(), knot::servesZone);
        });
  }

  private void writeConfig(int notifyPort) throws IOException {
    Files.writeString(
        dir.resolve("knot.conf"),
        """
        server:
            rundir: "%1$s"
            listen: 127.0.0.1@%2$d
        control:
            listen: "%1$s/knot.sock"
        database:
            storage: "%1$s/db"
        log:
          - target: "%1$s/knot.log"
            any: info
        remote:
          - id: minidns
            address: 127.0.0.1@%3$d
        acl:
          - id: transfer_to_loopback
            address: 127.0.0.1
            action: transfer
        zone:
          - domain: "%4$s"
            file: "%1$s/zone.db"
            notify: minidns
            acl: transfer_to_loopback
        """
            .formatted(dir, port, notifyPort, zone));
  }

  private List<String> command() {
    return List.of(
        ServerProcess.executable("knotd", PACKAGES), "-c", dir.resolve("knot.conf").toString());
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

  public int port() {
    return port;
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
    return ServerProcess.exec(
        List.of(
            ServerProcess.executable("knotc", PACKAGES), "-s", dir.resolve("knot.sock").toString()),
        script.toString());
  }

  /** The serial Knot serves for its zone, if it serves it. */
  public OptionalLong soaSerial() throws IOException {
    return server.soaSerial(zone);
  }

  /** What Knot logged: NOTIFYs sent, transfers served with their kind (AXFR or IXFR). */
  public String log() {
    return server.log();
  }

  @Override
  public void close() {
    server.stop();
  }
}
