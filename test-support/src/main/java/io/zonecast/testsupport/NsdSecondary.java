package io.zonecast.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real NSD secondary on 127.0.0.1 with its own directory, DNS port and control socket (a unix
 * socket: no {@code nsd-control-setup} keys), pulling its zones from one primary (MiniDNS) and
 * accepting NOTIFYs from 127.0.0.1. Zones are added at run time with {@code nsd-control addzone}.
 *
 * <p>NSD 4.6 logs a received transfer without its kind. Its zones therefore keep the transfers that
 * came as IXFR ({@code store-ixfr: yes}) and make none from full transfers ({@code create-ixfr:
 * no}): {@link #storedIxfr} shows whether, and what, NSD received incrementally. NSD must be
 * installed ({@code apt-get install -y nsd}; {@code bin/zonecast test} does it); the package's own
 * service and /etc/nsd are not used.
 */
public final class NsdSecondary extends TestNameServer {

  private static final String PACKAGES = "nsd";

  private NsdSecondary(Path dir, int port) {
    super("nsd", dir, port, dir.resolve("nsd.log"));
  }

  /**
   * Starts a secondary, serving no zone yet, whose primary is 127.0.0.1 port {@code primaryPort}.
   */
  public static NsdSecondary start(String name, int primaryPort) throws IOException {
    String nsd = ServerProcess.executable("nsd", PACKAGES);
    ServerProcess.executable("nsd-control", PACKAGES);
    Path dir = Files.createTempDirectory("zonecast-nsd-" + name + "-");
    Files.createDirectories(dir.resolve("xfr"));
    return ServerProcess.startOnFreePorts(
        () -> new NsdSecondary(dir, Bind9Secondary.freePort()),
        secondary -> {
          secondary.writeConfig(primaryPort);
          secondary.server.launch(List.of(nsd, "-d", "-c", secondary.config().toString()));
        });
  }

  private Path config() {
    return dir.resolve("nsd.conf");
  }

  private void writeConfig(int primaryPort) throws IOException {
    // username/chroot empty: no privilege drop; xfrd-reload-timeout 0: serve a transfer at once
    // instead of at most one reload a second; rrl-ratelimit 0: no rate limit on loopback queries
    Files.writeString(
        config(),
        """
        server:
            ip-address: 127.0.0.1@%2$d
            do-ip6: no
            username: ""
            chroot: ""
            zonesdir: "%1$s"
            zonelistfile: "%1$s/zone.list"
            database: ""
            pidfile: "%1$s/nsd.pid"
            xfrdfile: "%1$s/xfrd.state"
            xfrdir: "%1$s/xfr"
            logfile: "%1$s/nsd.log"
            verbosity: 2
            xfrd-reload-timeout: 0
            server-count: 1
            reuseport: no
            rrl-ratelimit: 0
        remote-control:
            control-enable: yes
            control-interface: "%1$s/nsd.ctl"
        pattern:
            name: "minidns"
            zonefile: "%%s.zone"
            request-xfr: 127.0.0.1@%3$d NOKEY
            allow-notify: 127.0.0.1 NOKEY
            store-ixfr: yes
            create-ixfr: no
        """
            .formatted(dir, port, primaryPort));
  }

  /** Adds {@code zone} (absolute name); NSD transfers it (AXFR) at once. */
  public void addZone(String zone) throws IOException {
    nsdControl("addzone", relative(zone), "minidns");
  }

  /**
   * The IXFR data NSD keeps for {@code zone}: the transfers it received as IXFR, with a header
   * naming {@code from_serial} and {@code to_serial}; empty when it received none. NSD writes it
   * beside the zone file on {@code nsd-control write}, which its server process carries out after
   * the command returned: this waits (at most 10 s) until the log says the zone was written, then
   * for the IXFR data that NSD writes right after it, if any.
   */
  public Optional<String> storedIxfr(String zone) throws IOException {
    String apex = relative(zone);
    String zoneWritten = "writing zone " + apex + " to file";
    String ixfrWritten = "writing zone " + apex + " IXFR data to file";
    int before = occurrences(log(), zoneWritten);
    nsdControl("write", apex);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (occurrences(log(), zoneWritten) == before) {
      if (System.nanoTime() > deadline) {
        throw new IOException("NSD did not write " + apex + " within 10 s: " + log());
      }
      pause();
    }
    Path file = dir.resolve(apex + ".zone.ixfr");
    // the IXFR data line follows the zone's within microseconds when there is any
    long settle = System.nanoTime() + Duration.ofSeconds(1).toNanos();
    while (System.nanoTime() < settle) {
      String log = log();
      if (log.lastIndexOf(ixfrWritten) > log.lastIndexOf(zoneWritten)) {
        return Optional.of(completeIxfrFile(file, deadline));
      }
      pause();
    }
    return Optional.empty();
  }

  /** The IXFR data file once it has stopped growing. */
  private static String completeIxfrFile(Path file, long deadline) throws IOException {
    long size = -1;
    while (System.nanoTime() < deadline) {
      long now = Files.exists(file) ? Files.size(file) : 0;
      if (now > 0 && now == size) {
        return Files.readString(file);
      }
      size = now;
      pause();
    }
    throw new IOException("NSD did not finish writing " + file + " within 10 s");
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String nsdControl(String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(ServerProcess.executable("nsd-control", PACKAGES), "-c", config().toString()));
    command.addAll(List.of(args));
    return ServerProcess.exec(command, "");
  }

  private static String relative(String zone) {
    return zone.endsWith(".") ? zone.substring(0, zone.length() - 1) : zone;
  }
}
