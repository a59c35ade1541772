package io.zonecast.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * BIND9 as a validating resolver on loopback: it forwards the queries for one zone to a server
 * (e.g. a secondary of the pool) and validates the answers from the zone's DS as trust anchor (RFC
 * 4035 section 5), so an answer carries AD when it validated and is SERVFAIL when it did not.
 */
public final class ValidatingResolver implements AutoCloseable {

  private final int port;
  private final ServerProcess server;

  private ValidatingResolver(Path dir, int port) {
    this.port = port;
    this.server = new ServerProcess("named", dir, port, dir.resolve("named.log"));
  }

  /**
   * @param ds the zone's DS records as {@code "<tag> <alg> <digest type> <hex>"}
   */
  public static ValidatingResolver start(String zone, List<String> ds, int forwardToPort)
      throws IOException {
    Path dir = Files.createTempDirectory("zonecast-resolver");
    int port = Bind9Secondary.freePort();
    StringBuilder anchors = new StringBuilder();
    for (String d : ds) {
      String[] f = d.trim().split("\\s+");
      anchors.append(
          "  \"%s\" static-ds %s %s %s \"%s\";\n".formatted(zone, f[0], f[1], f[2], f[3]));
    }
    Files.writeString(
        dir.resolve("named.conf"),
        """
        options {
          directory "%1$s";
          pid-file "%1$s/named.pid";
          listen-on port %2$d { 127.0.0.1; };
          listen-on-v6 { none; };
          recursion yes;
          allow-query { 127.0.0.1; };
          allow-recursion { 127.0.0.1; };
          dnssec-validation yes;
          max-cache-ttl 1;
          max-ncache-ttl 1;
        };
        trust-anchors {
        %3$s};
        zone "%4$s" { type forward; forward only; forwarders { 127.0.0.1 port %5$d; }; };
        controls { };
        logging {
          channel f { file "%1$s/named.log"; print-time yes; severity info; };
          category default { f; };
          category dnssec { f; };
        };
        """
            .formatted(dir, port, anchors, zone, forwardToPort));
    ValidatingResolver resolver = new ValidatingResolver(dir, port);
    try {
      resolver.server.launch(Bind9Secondary.namedCommand(dir.resolve("named.conf")));
    } catch (IOException e) {
      resolver.close();
      throw new IOException("the validating resolver did not start", e);
    }
    return resolver;
  }

  /** A recursive query with AD set (RFC 6840 section 5.7) and DO, over TCP. */
  public Message query(String name, int type) throws IOException {
    SimpleResolver resolver = new SimpleResolver("127.0.0.1");
    resolver.setPort(port);
    resolver.setTCP(true);
    resolver.setEDNS(0, 0, org.xbill.DNS.ExtendedFlags.DO);
    resolver.setTimeout(Duration.ofSeconds(10));
    Message query = Message.newQuery(Record.newRecord(Name.fromString(name), type, 1));
    query.getHeader().setFlag(Flags.AD);
    return resolver.send(query);
  }

  public Message query(String name) throws IOException {
    return query(name, Type.A);
  }

  public String log() {
    return server.log();
  }

  @Override
  public void close() {
    server.stop();
  }
}
