package io.zonecast.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real Knot DNS ({@code knotd}) secondary on 127.0.0.1 with its own directory, DNS port and
 * control socket, pulling its zones from one primary (MiniDNS) and accepting NOTIFYs from
 * 127.0.0.1. Zones are added at run time with {@code knotc conf-begin / conf-set / conf-commit}.
 * Knot must be installed ({@code apt-get install -y knot knot-dnsutils}; {@code bin/zonecast test}
 * does it); the package's own service and /etc/knot are not used.
 */
public final class KnotSecondary extends TestNameServer {

  private final KnotDirectory knot;

  private KnotSecondary(KnotDirectory knot, int port) {
    super("knotd", knot.dir(), port, knot.log());
    this.knot = knot;
  }

  /**
   * Starts a secondary, serving no zone yet, whose primary is 127.0.0.1 port {@code primaryPort}.
   */
  public static KnotSecondary start(String name, int primaryPort) throws IOException {
    return start(name, (Integer) primaryPort);
  }

  /**
   * Starts a Knot serving no zone, with neither a remote nor an ACL: whoever adds a zone through
   * the control socket ({@link #socket()}) also says where it pulls from, as the pool manager's
   * knot backend does.
   */
  public static KnotSecondary startEmpty(String name) throws IOException {
    return start(name, (Integer) null);
  }

  private static KnotSecondary start(String name, Integer primaryPort) throws IOException {
    KnotDirectory knot = KnotDirectory.create(name);
    Files.createDirectories(knot.dir().resolve("zones"));
    return ServerProcess.startOnFreePorts(
        () -> new KnotSecondary(knot, Bind9Secondary.freePort()),
        secondary -> {
          knot.writeConfig(secondary.port, zones(knot.dir(), primaryPort));
          secondary.server.launch(knot.command());
        });
  }

  /** The zones' template: their files in zones/, pulled from MiniDNS (unless null), NOTIFYs in. */
  private static String zones(Path dir, Integer primaryPort) {
    if (primaryPort == null) {
      return """
      template:
        - id: default
          storage: "%1$s/zones"
          file: "%%s.zone"
      """
          .formatted(dir);
    }
    return """
    remote:
      - id: minidns
        address: 127.0.0.1@%2$d
    acl:
      - id: notify_from_minidns
        address: 127.0.0.1
        action: notify
    template:
      - id: default
        storage: "%1$s/zones"
        file: "%%s.zone"
        master: minidns
        acl: notify_from_minidns
    """
        .formatted(dir, primaryPort);
  }

  /**
   * Stops knotd and starts it again from its configuration file: zones added through the control
   * socket are gone (Knot keeps them only in memory when it reads a text file), their zone files
   * stay.
   */
  public void restart() throws IOException {
    server.stop();
    server.launch(knot.command());
  }

  /** Adds {@code zone} (absolute name); Knot transfers it (AXFR) at once. */
  public void addZone(String zone) throws IOException {
    knotc("conf-begin\nconf-set zone[" + zone + "]\nconf-commit\n");
  }

  /** Runs knotc with these commands, one a line, on the control socket; its output. */
  public String knotc(String commands) throws IOException {
    return knot.knotc(commands);
  }

  /** The control socket knotc talks to. */
  public Path socket() {
    return knot.socket();
  }
}
