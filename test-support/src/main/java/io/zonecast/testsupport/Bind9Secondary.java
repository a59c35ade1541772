package io.zonecast.testsupport;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real BIND9 {@code named} secondary on 127.0.0.1 (or another loopback address, see {@link
 * #start(String, String)} and {@link #moveTo(String)}), with its own directory, DNS port and rndc
 * control port and key, and {@code allow-new-zones yes} so zones can be added with rndc. It runs in
 * the foreground as a child process and is stopped by {@link #close()}. BIND9 must be installed
 * ({@code apt-get install -y bind9 bind9-dnsutils}; {@code bin/zonecast test} does it).
 */
public final class Bind9Secondary implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Bind9Secondary.class);

  private static final String LOOPBACK = "127.0.0.1";

  /** BIND's own default since 9.18.28, and the pools file's default for a bind9 target. */
  public static final int DEFAULT_MAX_RECORDS_PER_TYPE = 100;

  private final Path dir;
  private final List<String> addedAddresses = new ArrayList<>();
  private volatile String address;
  private final int port;
  private final int rndcPort;
  private final Catalog catalog;
  private volatile int maxRecordsPerType = DEFAULT_MAX_RECORDS_PER_TYPE;
  private Process process;

  /** A catalog zone (RFC 9432) the secondary consumes, and the primary it pulls it from. */
  private record Catalog(String zone, int primaryPort) {}

  private Bind9Secondary(Path dir, String address, int port, int rndcPort, Catalog catalog) {
    this.dir = dir;
    this.address = address;
    this.port = port;
    this.rndcPort = rndcPort;
    this.catalog = catalog;
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
    String named = executable("named");
    executable("rndc-confgen");
    Path dir = Files.createTempDirectory("zonecast-bind9-" + name + "-");
    for (int attempt = 0; ; attempt++) {
      Bind9Secondary bind = new Bind9Secondary(dir, address, freePort(), freePort(), catalog);
      try {
        bind.launch(named);
        return bind;
      } catch (IOException e) {
        bind.stopProcess();
        if (attempt >= 3) {
          throw e;
        }
        log.warn("named did not start ({}), trying other ports", e.getMessage());
      }
    }
  }

  private void launch(String named) throws IOException {
    giveLoopback(address);
    long logFrom =
        Files.exists(dir.resolve("named.log")) ? Files.size(dir.resolve("named.log")) : 0;
    Path key = dir.resolve("rndc.key");
    if (!Files.exists(key)) {
      exec(
          List.of(
              executable("rndc-confgen"),
              "-a",
              "-A",
              "hmac-sha256",
              "-k",
              "rndc-key",
              "-c",
              key.toString()));
    }
    if (!Files.exists(dir.resolve("tsig-keys.conf"))) {
      Files.writeString(dir.resolve("tsig-keys.conf"), "");
    }
    Files.writeString(
        dir.resolve("named.conf"),
        """
        include "%1$s/rndc.key";
        include "%1$s/tsig-keys.conf";
        options {
          directory "%1$s";
          pid-file "%1$s/named.pid";
          listen-on port %2$d { %6$s; };
          listen-on-v6 { none; };
          allow-new-zones yes;
          allow-notify { %7$s };
          allow-query { %7$s };
          allow-transfer { %7$s };
          recursion no;
          notify no;
          dnssec-validation no;
          transfer-source %6$s;
          notify-source %6$s;
          serial-query-rate 1000;
          max-records-per-type %8$d;
          %4$s
        };
        %5$s
        controls { inet %6$s port %3$d allow { %7$s } keys { "rndc-key"; }; };
        logging {
          channel f { file "%1$s/named.log"; print-time yes; severity dynamic; };
          category default { f; };
          category xfer-in { f; };
          category notify { f; };
        };
        """
            .formatted(
                dir,
                port,
                rndcPort,
                catalogOption(),
                catalogZoneStatement(),
                address,
                LOOPBACK.equals(address) ? LOOPBACK + ";" : LOOPBACK + "; " + address + ";",
                maxRecordsPerType));
    Files.writeString(
        dir.resolve("rndc.conf"),
        """
        include "%1$s/rndc.key";
        options { default-key "rndc-key"; default-server %3$s; default-port %2$d; };
        """
            .formatted(dir, rndcPort, address));
    List<String> command =
        new ArrayList<>(List.of(named, "-f", "-c", dir.resolve("named.conf").toString()));
    if ("root".equals(System.getProperty("user.name"))) {
      command.addAll(List.of("-u", "root"));
    }
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("named.stdout").toFile())
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "named exited: " + Files.readString(dir.resolve("named.stdout")) + log());
      }
      // an open port may be another process's: named logs "running" only after it bound its
      // DNS port (or it exits), and only its own control channel answers rndc with this key
      if (logSince(logFrom).contains(" running\n") && tcpOpen(address, port)) {
        try {
          rndc("status");
        } catch (IOException e) {
          throw new IOException(
              "named's control channel on port " + rndcPort + " is not its own", e);
        }
        log.info("BIND9 secondary in {} serves {}:{} (rndc {})", dir, address, port, rndcPort);
        return;
      }
      sleep(50);
    }
    throw new IOException("named did not open its ports within 20 s: " + log());
  }

  private String logSince(long offset) {
    String all = log();
    return all.length() >= offset ? all.substring((int) offset) : all;
  }

  private String catalogOption() {
    if (catalog == null) {
      return "";
    }
    return "catalog-zones { zone \"%s\" default-primaries { 127.0.0.1 port %d; } min-update-interval 1; };"
        .formatted(catalog.zone(), catalog.primaryPort());
  }

  private String catalogZoneStatement() {
    if (catalog == null) {
      return "";
    }
    return "zone \"%s\" { type secondary; primaries { 127.0.0.1 port %d; }; file \"catalog.db\"; };"
        .formatted(catalog.zone(), catalog.primaryPort());
  }

  /**
   * Defines (or redefines) a TSIG key named {@code name} in named.conf and reloads the
   * configuration; a zone added with {@code primaries { 127.0.0.1 port P key "name"; }} then signs
   * its SOA queries and transfers with it and accepts NOTIFYs signed with it.
   */
  public void tsigKey(String name, String algorithm, String secret) throws IOException {
    Path keys = dir.resolve("tsig-keys.conf");
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
    Path conf = dir.resolve("named.conf");
    Files.writeString(
        conf,
        Files.readString(conf)
            .replaceFirst("max-records-per-type \\d+;", "max-records-per-type " + records + ";"));
    rndc("reconfig");
  }

  /** Restarts named with the same directory and ports (zones added with rndc are kept). */
  public void restart() throws IOException {
    stopProcess();
    launch(executable("named"));
  }

  /** Stops named (SIGTERM); {@link #start()} brings it back on the same directory and ports. */
  public void stop() {
    stopProcess();
  }

  /** Starts named again after {@link #stop()}, with the zones it had. */
  public void start() throws IOException {
    launch(executable("named"));
  }

  /**
   * Restarts named as a freshly installed secondary: the zones added with rndc (its {@code
   * _default.nzd}/{@code .nzf}) and their files are deleted first, so it serves nothing.
   */
  public void restartEmpty() throws IOException {
    stopProcess();
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith("_default.nz") || name.endsWith(".db") || name.endsWith(".jnl")) {
          Files.delete(file);
        }
      }
    }
    launch(executable("named"));
  }

  /**
   * Stops named and starts it again listening on {@code address} instead, with the same directory,
   * ports and zones: a secondary whose IP address changed.
   */
  public void moveTo(String address) throws IOException {
    stopProcess();
    this.address = address;
    launch(executable("named"));
  }

  /** The loopback address named listens on. */
  public String address() {
    return address;
  }

  public int port() {
    return port;
  }

  public int rndcPort() {
    return rndcPort;
  }

  public Path directory() {
    return dir;
  }

  public Path rndcKeyFile() {
    return dir.resolve("rndc.key");
  }

  public Path rndcConfFile() {
    return dir.resolve("rndc.conf");
  }

  /** The serial of the SOA this server answers authoritatively for {@code zone}, if any. */
  public OptionalLong soaSerial(String zone) throws IOException {
    Message response = query(zone, Type.SOA);
    if (response.getRcode() != Rcode.NOERROR) {
      return OptionalLong.empty();
    }
    for (Record r : response.getSection(Section.ANSWER)) {
      if (r instanceof SOARecord soa) {
        return OptionalLong.of(soa.getSerial());
      }
    }
    return OptionalLong.empty();
  }

  /** Sends one query to this server over UDP and returns its answer. */
  public Message query(String name, int type) throws IOException {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getByName(address));
    resolver.setPort(port);
    resolver.setTimeout(Duration.ofSeconds(2));
    Record question = Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN);
    return resolver.send(Message.newQuery(question));
  }

  /** named's log file: transfers ({@code xfer-in}), NOTIFYs and errors. */
  public Path logFile() {
    return dir.resolve("named.log");
  }

  /** What named logged so far (transfers, NOTIFYs, errors). */
  public String log() {
    try {
      Path file = logFile();
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "(cannot read named.log: " + e.getMessage() + ")";
    }
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
    return exec(command);
  }

  @Override
  public void close() {
    stopProcess();
    for (String added : addedAddresses) {
      try {
        exec(List.of(ip(), "addr", "del", added + "/32", "dev", "lo"));
      } catch (IOException | RuntimeException e) {
        log.warn("could not remove {} from lo: {}", added, e.getMessage());
      }
    }
    addedAddresses.clear();
  }

  /**
   * named listens only on addresses an interface has, and lo has only 127.0.0.1/8 (though Linux
   * answers on all of 127/8): another loopback address is added to lo for the test (as root), and
   * removed again by {@link #close()}.
   */
  private void giveLoopback(String loopback) throws IOException {
    InetAddress wanted = InetAddress.getByName(loopback);
    if (!wanted.isLoopbackAddress()) {
      throw new IllegalArgumentException(loopback + " is not a loopback address");
    }
    if (java.net.NetworkInterface.getByInetAddress(wanted) != null) {
      return;
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new IllegalStateException(
          "a BIND9 secondary on "
              + loopback
              + " needs that address on lo, which only root can add (ip addr add "
              + loopback
              + "/32 dev lo)");
    }
    exec(List.of(ip(), "addr", "add", loopback + "/32", "dev", "lo"));
    addedAddresses.add(loopback);
  }

  private static String ip() {
    for (String candidate : List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new IllegalStateException("the ip program (iproute2) is not installed");
  }

  private void stopProcess() {
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

  private static String exec(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      boolean done = p.waitFor(30, TimeUnit.SECONDS);
      String out = new String(p.getInputStream().readAllBytes());
      if (!done || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " failed: " + out.strip());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Finds a BIND9 program in /usr/sbin, /usr/bin or PATH, or says how to install it. */
  public static String executable(String program) {
    List<String> dirs = new ArrayList<>(List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin"));
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(":")));
    }
    for (String d : dirs) {
      Path candidate = Path.of(d, program);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException(
        program
            + " is not installed. Tests with real secondaries need BIND9: as root run"
            + " `apt-get install -y bind9 bind9-dnsutils` (bin/zonecast test does this).");
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

  private static boolean tcpOpen(String address, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
