package io.zonecast.testsupport;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real BIND9 primary outside zonecast, for SECONDARY zones: its own named process on 127.0.0.1
 * and a free port, one zone from its own zone file, {@code also-notify} to MiniDNS, transfers
 * (AXFR, and IXFR from its journal) allowed to anyone or only with a TSIG key, dynamic updates
 * ({@link #nsupdate}) from 127.0.0.1.
 */
public final class Bind9Primary implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Bind9Primary.class);

  private final Path dir;
  private final int port;
  private final String zone;
  private Process process;

  /** A TSIG key the primary requires for transfers: BIND's algorithm name and base64 secret. */
  public record Key(String name, String algorithm, String secret) {}

  private Bind9Primary(Path dir, int port, String zone) {
    this.dir = dir;
    this.port = port;
    this.zone = zone;
  }

  /**
   * Starts a primary for {@code zone} with {@code zoneFile} as its content, notifying {@code
   * notifyPort} on 127.0.0.1 (MiniDNS); transfers need {@code key} unless it is null.
   */
  public static Bind9Primary start(String zone, String zoneFile, int notifyPort, Key key)
      throws IOException {
    Path dir = Files.createTempDirectory("bind9-primary-");
    for (int attempt = 0; ; attempt++) {
      Bind9Primary primary = new Bind9Primary(dir, Bind9Secondary.freePort(), zone);
      primary.configure(zoneFile, notifyPort, key);
      try {
        primary.launch();
        return primary;
      } catch (IOException e) {
        primary.stop();
        if (attempt >= 3) {
          throw e;
        }
      }
    }
  }

  private void configure(String zoneFile, int notifyPort, Key key) throws IOException {
    Files.writeString(dir.resolve("zone.db"), zoneFile);
    String keyStatement =
        key == null
            ? ""
            : "key \"%s\" { algorithm %s; secret \"%s\"; };"
                .formatted(key.name(), key.algorithm(), key.secret());
    String transfer = key == null ? "any;" : "key \"" + key.name() + "\";";
    Files.writeString(
        dir.resolve("named.conf"),
        """
        %5$s
        options {
          directory "%1$s";
          pid-file "%1$s/named.pid";
          listen-on port %2$d { 127.0.0.1; };
          listen-on-v6 { none; };
          recursion no;
          dnssec-validation no;
          notify explicit;
          also-notify { 127.0.0.1 port %3$d; };
          notify-source 127.0.0.1;
          allow-query { any; };
          allow-transfer { %6$s };
          notify-delay 0;
        };
        controls { };
        zone "%4$s" {
          type primary;
          file "%1$s/zone.db";
          allow-update { 127.0.0.1; };
        };
        logging {
          channel f { file "%1$s/named.log"; print-time yes; severity debug 3; };
          category default { f; };
          category xfer-out { f; };
          category notify { f; };
        };
        """
            .formatted(dir, port, notifyPort, zone, keyStatement, transfer));
  }

  private void launch() throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Bind9Secondary.executable("named"),
                "-f",
                "-c",
                dir.resolve("named.conf").toString()));
    if ("root".equals(System.getProperty("user.name"))) {
      command.addAll(List.of("-u", "root"));
    }
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("named.stdout").toFile()))
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "named (primary) exited: " + Files.readString(dir.resolve("named.stdout")) + log());
      }
      if (servesZone()) {
        log.info("BIND9 primary in {} serves {} on 127.0.0.1:{}", dir, zone, port);
        return;
      }
      sleep();
    }
    throw new IOException("named (primary) did not open its port within 20 s: " + log());
  }

  /** The port is open and the zone loaded: its SOA is answered with authority. */
  private boolean servesZone() {
    try (Socket s = new Socket("127.0.0.1", port)) {
      SimpleResolver resolver = new SimpleResolver("127.0.0.1");
      resolver.setPort(port);
      resolver.setTimeout(Duration.ofSeconds(1));
      Message answer =
          resolver.send(
              Message.newQuery(Record.newRecord(Name.fromString(zone), Type.SOA, DClass.IN)));
      return answer.getRcode() == Rcode.NOERROR && answer.getHeader().getFlag(Flags.AA);
    } catch (IOException e) {
      return false;
    }
  }

  public int port() {
    return port;
  }

  /** The master as the API takes it. */
  public String master() {
    return "127.0.0.1:" + port;
  }

  /** Sends a dynamic update (RFC 2136) with nsupdate: {@code commands} between zone and send. */
  public void nsupdate(String commands) throws IOException {
    String script =
        "server 127.0.0.1 " + port + "\nzone " + zone + "\n" + commands.strip() + "\nsend\n";
    Process p =
        new ProcessBuilder(Bind9Secondary.executable("nsupdate")).redirectErrorStream(true).start();
    p.getOutputStream().write(script.getBytes());
    p.getOutputStream().close();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException(
            "nsupdate failed: " + new String(p.getInputStream().readAllBytes()) + "\n" + script);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Stops named (SIGTERM); {@link #restart()} brings it back with its zone and journal. */
  public void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public void restart() throws IOException {
    stop();
    launch();
  }

  public String log() {
    try {
      Path file = dir.resolve("named.log");
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "(named.log unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
