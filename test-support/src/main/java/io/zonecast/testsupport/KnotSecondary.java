package io.zonecast.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.xbill.DNS.Message;

/**
 * A real Knot DNS ({@code knotd}) secondary on 127.0.0.1 with its own directory, DNS port and
 * control socket, pulling its zones from one primary (MiniDNS) and accepting NOTIFYs from
 * 127.0.0.1. Zones are added at run time with {@code knotc conf-begin / conf-set / conf-commit}.
 * Knot must be installed ({@code apt-get install -y knot knot-dnsutils}; {@code bin/zonecast test}
 * does it); the package's own service and /etc/knot are not used.
 */
public final class KnotSecondary implements AutoCloseable {

  private static final String PACKAGES = "knot knot-dnsutils";

  private final Path dir;
  private final int port;
  private final ServerProcess server;

  private KnotSecondary(Path dir, int port) {
    this.dir = dir;
    this.port = port;
    this.server = new ServerProcess("knotd", dir, port, dir.resolve("knot.log"));
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
    ServerProcess.executable("knotd", PACKAGES);
    ServerProcess.executable("knotc", PACKAGES);
    Path dir = Files.createTempDirectory("zonecast-knot-" + name + "-");
    Files.createDirectories(dir.resolve("db"));
    Files.createDirectories(dir.resolve("zones"));
    return ServerProcess.startOnFreePorts(
        () -> new KnotSecondary(dir, Bind9Secondary.freePort()),
        knot -> {
          knot.writeConfig(primaryPort);
          knot.server.launch(knot.command());
        });
  }

  private void writeConfig(Integer primaryPort) throws IOException {
    String config =
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
        """
            .formatted(dir, port);
    if (primaryPort == null) {
      config +=
          """
          template:
            - id: default
              storage: "%1$s/zones"
              file: "%%s.zone"
          """
              .formatted(dir);
      Files.writeString(dir.resolve("knot.conf"), config);
      return;
    }
    config +=
        """
        remote:
          - id: minidns
            address: 127.0.0.1@%3$d
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
            .formatted(dir, port, primaryPort);
    Files.writeString(dir.resolve("knot.conf"), config);
  }

  private List<String> command() {
    return List.of(
        ServerProcess.executable("knotd", PACKAGES), "-c", dir.resolve("knot.conf").toString());
  }

  /**
   * Stops knotd and starts it again from its configuration file: zones added through the control
   * socket are gone (Knot keeps them only in memory when it reads a text file), their zone files
   * stay.
   */
  public void restart() throws IOException {
    server.stop();
    server.launch(command());
  }

  /** Adds {@code zone} (absolute name); Knot transfers it (AXFR) at once. */
  public void addZone(String zone) throws IOException {
    knotc("conf-begin\nconf-set zone[" + zone + "]\nconf-commit\n");
  }

  /** Runs knotc with these commands, one a line, on the control socket; its output. */
  public String knotc(String commands) throws IOException {
    return ServerProcess.exec(
        List.of(
            ServerProcess.executable("knotc", PACKAGES), "-s", dir.resolve("knot.sock").toString()),
        commands);
  }

  public int port() {
    return port;
  }

  /** The control socket knotc talks to. */
  public Path socket() {
    return dir.resolve("knot.sock");
  }

  public Path directory() {
    return dir;
  }

  /** The serial of the SOA Knot answers for {@code zone}, if it serves it. */
  public OptionalLong soaSerial(String zone) throws IOException {
    return server.soaSerial(zone);
  }

  /** Sends one query to Knot over UDP and returns its answer. */
  public Message query(String name, int type) throws IOException {
    return server.query(name, type);
  }

  /** What Knot logged so far: notifies, refreshes and transfers with their kind. */
  public String log() {
    return server.log();
  }

  @Override
  public void close() {
    server.stop();
  }
}
