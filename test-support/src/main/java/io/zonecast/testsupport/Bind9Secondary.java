package io.zonecast.testsupport;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real BIND9 {@code named} secondary on 127.0.0.1 (or another loopback address, see {@link
 * #start(String, String)} and {@link #moveTo(String)}), with its own directory, DNS port and rndc
 * control port and key, and {@code allow-new-zones yes} so zones can be added with rndc. Its
 * named.conf comes from the template every zonecast secondary shares ({@link NamedConf}). It runs
 * in the foreground as a child process and is stopped by {@link #close()}. BIND9 must be installed
 * ({@code apt-get install -y bind9 bind9-dnsutils}; {@code bin/zonecast test} does it).
 */
public final class Bind9Secondary extends TestNameServer {

  private static final Logger log = LoggerFactory.getLogger(Bind9Secondary.class);

  private static final String LOOPBACK = "127.0.0.1";

  private static final String PACKAGES = "bind9 bind9-dnsutils";

  /** BIND's own default since 9.18.28, and the pools file's default for a bind9 target. */
  public static final int DEFAULT_MAX_RECORDS_PER_TYPE = 100;

  private final int rndcPort;
  private final Catalog catalog;
  private final LoopbackAddresses addresses = new LoopbackAddresses();
  private volatile int maxRecordsPerType = DEFAULT_MAX_RECORDS_PER_TYPE;

  /** A catalog zone (RFC 9432) the secondary consumes, and the primary it pulls it from. */
  private record Catalog(String zone, int primaryPort) {}

  private Bind9Secondary(Path dir, String address, int port, int rndcPort, Catalog catalog) {
    super("named", dir, port, dir.resolve("named.log"));
    this.rndcPort = rndcPort;
    this.catalog = catalog;
    server.address(address);
  }

  /** Starts a secondary that accepts NOTIFYs from and transfers to 127.0.0.1. */
  public static Bind9Secondary start(String name) throws IOException {
    return start(name, LOOPBACK, null);
  }

  /**
   * Starts a secondary that listens (DNS and rndc) on {@code address}, another address of 127/8
   * (Linux answers on all of them), and sends its SOA queries and transfers to its primaries from
   * there; it accepts NOTIFYs from 127.0.0.1, where MiniDNS sends them from.
   */
  public static Bind9Secondary start(String name, String address) throws IOException {
    return start(name, address, null);
  }

  /**
   * Starts a secondary that also consumes the catalog zone {@code catalogZone} (absolute name) from
   * 127.0.0.1 port {@code primaryPort}: the catalog is one of its secondary zones, and its member
   * zones are added and removed as the catalog lists them ({@code catalog-zones}, BIND 9.18),
   * pulled from the same primary.
   */
  public static Bind9Secondary startConsumingCatalog(
      String name, String catalogZone, int primaryPort) throws IOException {
    return start(name, LOOPBACK, new Catalog(catalogZone, primaryPort));
  }

  private static Bind9Secondary start(String name, String address, Catalog catalog)
      throws IOException {
    executable("named");
    executable("rndc-confgen");
    Path dir = Files.createTempDirectory("zonecast-bind9-" + name + "-");
    return ServerProcess.startOnFreePorts(
        () -> new Bind9Secondary(dir, address, freePort(), freePort(), catalog),
        Bind9Secondary::launch);
  }

  private void launch() throws IOException {
    addresses.give(address());
    long logFrom = Files.exists(logFile()) ? Files.size(logFile()) : 0;
    Path key = rndcKeyFile();
    if (!Files.exists(key)) {
      ServerProcess.exec(
          List.of(
              executable("rndc-confgen"),
              "-a",
              "-A",
              "hmac-sha256",
              "-k",
              "rndc-key",
              "-c",
              key.toString()),
          "");
    }
    if (!Files.exists(tsigKeysFile())) {
      Files.writeString(tsigKeysFile(), "");
    }
    writeNamedConf();
    Files.writeString(
        rndcConfFile(),
        """
        include "%1$s/rndc.key";
        options { default-key "rndc-key"; default-server %3$s; default-port %2$d; };
        """
            .formatted(dir, rndcPort, address()));
    // an open port may be another process's: named logs "running" only after it bound its DNS
    // port (or it exits), and only its own control channel answers rndc with this key
    server.launch(namedCommand(namedConfFile()), () -> logSince(logFrom).contains(" running\n"));
    try {
      rndc("status");
    } catch (IOException e) {
      throw new IOException("named's control channel on port " + rndcPort + " is not its own", e);
    }
    log.info("BIND9 secondary in {} serves {}:{} (rndc {})", dir, address(), port, rndcPort);
  }

  /** {@code named -f -c conf}, as root with {@code -u root} (named would drop to user bind). */
  static List<String> namedCommand(Path conf) {
    List<String> command =
        new ArrayList<>(List.of(executable("named"), "-f", "-c", conf.toString()));
    if ("root".equals(System.getProperty("user.name"))) {
      command.addAll(List.of("-u", "root"));
    }
    return command;
  }

  private void writeNamedConf() throws IOException {
    String address = address();
    String allowed = LOOPBACK.equals(address) ? LOOPBACK + ";" : LOOPBACK + "; " + address + ";";
    Files.writeString(
        namedConfFile(),
        new NamedConf()
            .with("rndc_key", rndcKeyFile())
            .with("tsig_keys", tsigKeysFile())
            .with("directory", dir)
            .with("pid_file", dir.resolve("named.pid"))
            .with("port", port)
            .with("address", address)
            .with("allowed", allowed)
            .with("source", address)
            .with("max_records_per_type", maxRecordsPerType)
            .with("catalog", catalog == null ? "" : catalog.zone())
            .with("catalog_port", catalog == null ? "" : catalog.primaryPort())
            .with("transfers_in", "")
            .with("control_address", address)
            .with("rndc_port", rndcPort)
            .with("control_allowed", allowed)
            .with("log", "file \"" + logFile() + "\"")
            .render());
  }

  private String logSince(long offset) {
    String all = log();
    return all.length() >= offset ? all.substring((int) offset) : all;
  }

  private Path namedConfFile() {
    return dir.resolve("named.conf");
  }

  private Path tsigKeysFile() {
    return dir.resolve("tsig-keys.conf");
  }

  /**
   * Defines (or redefines) a TSIG key named {@code name} in named.conf and reloads the
   * configuration; a zone added with {@code primaries { 127.0.0.1 port P key "name"; }} then signs
   * its SOA queries and transfers with it and accepts NOTIFYs signed with it.
   */
  public void tsigKey(String name, String algorithm, String secret) throws IOException {
    Path keys = tsigKeysFile();
    String others =
        Files.readString(keys)
            .lines()
            .filter(line -> !line.startsWith("key \"" + name + "\" "))
            .map(line -> line + "\n")
            .reduce("", String::concat);
    Files.writeString(
        keys,
        others
            + "key \"%s\" { algorithm %s; secret \"%s\"; };\n".formatted(name, algorithm, secret));
    rndc("reconfig");
  }

  /**
   * Sets {@code max-records-per-type} (records one RRset may have; a transfer with more fails) and
   * reloads the configuration, as an operator editing named.conf would.
   */
  public void maxRecordsPerType(int records) throws IOException {
    maxRecordsPerType = records;
    writeNamedConf();
    rndc("reconfig");
  }

  /** Restarts named with the same directory and ports (zones added with rndc are kept). */
  public void restart() throws IOException {
    server.stop();
    launch();
  }

  /** Stops named (SIGTERM); {@link #start()} brings it back on the same directory and ports. */
  public void stop() {
    server.stop();
  }

  /** Starts named again after {@link #stop()}, with the zones it had. */
  public void start() throws IOException {
    launch();
  }

  /**
   * Restarts named as a freshly installed secondary: the zones added with rndc (its {@code
   * _default.nzd}/{@code .nzf}) and their files are deleted first, so it serves nothing.
   */
  public void restartEmpty() throws IOException {
    server.stop();
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith("_default.nz") || name.endsWith(".db") || name.endsWith(".jnl")) {
          Files.delete(file);
        }
      }
    }
    launch();
  }

  /**
   * Stops named and starts it again listening on {@code address} instead, with the same directory,
   * ports and zones: a secondary whose IP address changed.
   */
  public void moveTo(String address) throws IOException {
    server.stop();
    server.address(address);
    launch();
  }

  /** The loopback address named listens on. */
  public String address() {
    return server.address();
  }

  public int rndcPort() {
    return rndcPort;
  }

  public Path rndcKeyFile() {
    return dir.resolve("rndc.key");
  }

  public Path rndcConfFile() {
    return dir.resolve("rndc.conf");
  }

  /** named's log file: transfers ({@code xfer-in}), NOTIFYs and errors. */
  public Path logFile() {
    return server.logFile();
  }

  /**
   * Makes named log its debug messages up to {@code level} too (rndc trace): e.g. at 3 a transfer's
   * "got incremental response", which BIND 9.18 does not log at its default level (info).
   */
  public void trace(int level) throws IOException {
    rndc("trace", Integer.toString(level));
  }

  /** Runs rndc against this server and returns its output; fails when rndc does. */
  public String rndc(String... args) throws IOException {
    List<String> command =
        new ArrayList<>(List.of(executable("rndc"), "-c", rndcConfFile().toString()));
    command.addAll(List.of(args));
    return ServerProcess.exec(command, "");
  }

  @Override
  public void close() {
    super.close();
    addresses.close();
  }

  /** Finds a BIND9 program in /usr/sbin, /usr/bin or PATH, or says how to install it. */
  public static String executable(String program) {
    return ServerProcess.executable(program, PACKAGES);
  }

  /** The ports {@link #freePort} handed out in this JVM: none is handed out twice. */
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  /**
   * A port free for both TCP and UDP on 127.0.0.1, away from the ephemeral range, and not handed
   * out before in this JVM: the port is released before its user binds it, so without that memory
   * two components of one test (a secondary and MiniDNS, say) could be given the same one.
   */
  public static int freePort() {
    for (int i = 0; i < 200; i++) {
      int candidate = ThreadLocalRandom.current().nextInt(20_000, 30_000);
      if (!HANDED_OUT.add(candidate)) {
        continue;
      }
      try (ServerSocket tcp = new ServerSocket();
          DatagramSocket udp = new DatagramSocket(null)) {
        tcp.bind(new InetSocketAddress("127.0.0.1", candidate));
        udp.bind(new InetSocketAddress("127.0.0.1", candidate));
        return candidate;
      } catch (IOException e) {
        // taken, try another
      }
    }
    throw new IllegalStateException("no free port found on 127.0.0.1");
  }
}
