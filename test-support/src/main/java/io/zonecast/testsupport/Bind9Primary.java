package io.zonecast.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
public final class Bind9Primary extends TestNameServer {

  private static final Logger log = LoggerFactory.getLogger(Bind9Primary.class);

  private final String zone;

  /** A TSIG key the primary requires for transfers: BIND's algorithm name and base64 secret. */
  public record Key(String name, String algorithm, String secret) {}

  private Bind9Primary(Path dir, int port, String zone) {
    super("named", dir, port, dir.resolve("named.log"));
    this.zone = zone;
  }

  /**
   * Starts a primary for {@code zone} with {@code zoneFile} as its content, notifying {@code
   * notifyPort} on 127.0.0.1 (MiniDNS); transfers need {@code key} unless it is null.
   */
  public static Bind9Primary start(String zone, String zoneFile, int notifyPort, Key key)
      throws IOException {
    Path dir = Files.createTempDirectory("bind9-primary-");
    return ServerProcess.startOnFreePorts(
        () -> new Bind9Primary(dir, Bind9Secondary.freePort(), zone),
        primary -> {
          primary.configure(zoneFile, notifyPort, key);
          primary.launch();
        });
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
    server.launch(Bind9Secondary.namedCommand(dir.resolve("named.conf")), this::servesZone);
    log.info("BIND9 primary in {} serves {} on 127.0.0.1:{}", dir, zone, port);
  }

  /** The port is open and the zone loaded: its SOA is answered with authority. */
  private boolean servesZone() {
    try {
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

  /** The master as the API takes it. */
  public String master() {
    return "127.0.0.1:" + port;
  }

  /** Sends a dynamic update (RFC 2136) with nsupdate: {@code commands} between zone and send. */
  public void nsupdate(String commands) throws IOException {
    String script =
        "server 127.0.0.1 " + port + "\nzone " + zone + "\n" + commands.strip() + "\nsend\n";
    ServerProcess.exec(List.of(Bind9Secondary.executable("nsupdate")), script);
  }

  /** Stops named (SIGTERM); {@link #restart()} brings it back with its zone and journal. */
  public void stop() {
    server.stop();
  }

  public void restart() throws IOException {
    stop();
    launch();
  }
}
