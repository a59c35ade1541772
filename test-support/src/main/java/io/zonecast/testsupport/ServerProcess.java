package io.zonecast.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
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
 * What the test name servers share (the BIND9, Knot and NSD secondaries, the BIND9 and Knot
 * primaries, the validating resolver): a server started in the foreground as a child process in its
 * own directory on free loopback ports, found in the system's program directories, queried over
 * UDP, stopped by its pid (SIGTERM).
 */
final class ServerProcess {

  private static final Logger logger = LoggerFactory.getLogger(ServerProcess.class);

  /** How often a server is started on new free ports before its start-up error is thrown. */
  private static final int ATTEMPTS = 4;

  private final String what;
  private final Path dir;
  private final int port;
  private final Path log;
  private volatile String address = "127.0.0.1";
  private Process process;

  ServerProcess(String what, Path dir, int port, Path log) {
    this.what = what;
    this.dir = dir;
    this.port = port;
    this.log = log;
  }

  /** A server's start on the ports it was made with; may fail when one was taken meanwhile. */
  interface Launch<T> {
    void launch(T server) throws IOException;
  }

  /** A new server object on newly found free ports. */
  interface OnFreePorts<T> {
    T create() throws IOException;
  }

  /** Is the server ready to serve once its port is open (e.g. its zone loaded)? */
  interface Readiness {
    boolean ready() throws IOException;
  }

  /**
   * Creates a server on free ports and launches it, again on other ports when that fails: a port
   * {@link Bind9Secondary#freePort} found free may be taken by someone else before the server binds
   * it. A failed attempt's server is closed.
   */
  static <T extends AutoCloseable> T startOnFreePorts(OnFreePorts<T> create, Launch<T> launch)
      throws IOException {
    for (int attempt = 1; ; attempt++) {
      T server = create.create();
      try {
        launch.launch(server);
        return server;
      } catch (IOException e) {
        try {
          server.close();
        } catch (Exception closing) {
          e.addSuppressed(closing);
        }
        if (attempt >= ATTEMPTS) {
          throw e;
        }
        logger.warn("a test server did not start ({}), trying other ports", e.getMessage());
      }
    }
  }

  /** Starts {@code command} and waits until the server answers TCP on its port. */
  void launch(List<String> command) throws IOException {
    launch(command, () -> true);
  }

  /**
   * Starts {@code command} and waits until the server answers TCP on its port and {@code ready}
   * says it is ready (both: an open port may be another process's).
   */
  void launch(List<String> command, Readiness ready) throws IOException {
    Path stdout = dir.resolve(what + ".stdout");
    process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(stdout.toFile())
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(what + " exited: " + Files.readString(stdout) + log());
      }
      if (tcpOpen() && ready.ready()) {
        return;
      }
      sleep(50);
    }
    throw new IOException(what + " did not open port " + port + " within 20 s: " + log());
  }

  void stop() {
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

  /** The loopback address the server listens on: 127.0.0.1 unless moved. */
  String address() {
    return address;
  }

  /** Listens on {@code address} from the next {@link #launch} on. */
  void address(String address) {
    this.address = address;
  }

  Path logFile() {
    return log;
  }

  String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  OptionalLong soaSerial(String zone) throws IOException {
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

  Message query(String name, int type) throws IOException {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getByName(address));
    resolver.setPort(port);
    resolver.setTimeout(Duration.ofSeconds(2));
    Record question = Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN);
    return resolver.send(Message.newQuery(question));
  }

  /** Runs a control program, feeding it {@code input}; fails with its output when it fails. */
  static String exec(List<String> command, String input) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (var stdin = p.getOutputStream()) {
      stdin.write(input.getBytes());
    }
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

  /** Finds {@code program} in /usr/sbin, /usr/bin or PATH, or says which packages bring it. */
  static String executable(String program, String packages) {
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
            + " is not installed. As root run `apt-get install -y "
            + packages
            + "` (bin/zonecast test does this).");
  }

  private boolean tcpOpen() {
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
