package io.zonecast.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A test Knot DNS server's directory, as the Knot primary and secondary lay it out: {@code
 * knot.conf} (its server, control socket, database and log sections written here, the zones' part
 * by each), {@code knot.sock}, {@code db/} and {@code knot.log}. Knot must be installed ({@code
 * apt-get install -y knot knot-dnsutils}; {@code bin/zonecast test} does it); the package's own
 * service and /etc/knot are not used.
 */
record KnotDirectory(Path dir) {

  private static final String PACKAGES = "knot knot-dnsutils";

  /** A new temporary directory named after {@code name}, with its {@code db/}. */
  static KnotDirectory create(String name) throws IOException {
    knotd();
    knotc();
    Path dir = Files.createTempDirectory("zonecast-knot-" + name + "-");
    Files.createDirectories(dir.resolve("db"));
    return new KnotDirectory(dir);
  }

  /** Writes knot.conf: knotd on 127.0.0.1 {@code port}, then {@code zones} (YAML sections). */
  void writeConfig(int port, String zones) throws IOException {
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
        """
                .formatted(dir, port)
            + zones);
  }

  /** knotd with this directory's configuration. */
  List<String> command() {
    return List.of(knotd(), "-c", dir.resolve("knot.conf").toString());
  }

  /** Runs knotc with these commands, one a line, on the control socket; its output. */
  String knotc(String commands) throws IOException {
    return ServerProcess.exec(List.of(knotc(), "-s", socket().toString()), commands);
  }

  Path socket() {
    return dir.resolve("knot.sock");
  }

  Path log() {
    return dir.resolve("knot.log");
  }

  private static String knotd() {
    return ServerProcess.executable("knotd", PACKAGES);
  }

  private static String knotc() {
    return ServerProcess.executable("knotc", PACKAGES);
  }
}
