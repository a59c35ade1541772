package io.zonecast.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL primary and its streaming hot standby of the test's own, from the server binaries in
 * {@code /usr/lib/postgresql/<version>/bin} (Debian's postgresql package): initdb, pg_basebackup
 * -R, each on a free loopback port with trust authentication, in a temporary directory. As root the
 * servers run as the {@code postgres} user (initdb refuses root). Replay on the standby can be
 * paused to make it lag on purpose.
 */
public final class PostgresStandby implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PostgresStandby.class);
  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  private final Path bin;
  private final Path dir;
  private final int primaryPort;
  private final int standbyPort;
  private final List<Path> running = new ArrayList<>();
  private final Thread cleanup = new Thread(this::stopServers);

  private PostgresStandby(Path bin, Path dir, int primaryPort, int standbyPort) {
    this.bin = bin;
    this.dir = dir;
    this.primaryPort = primaryPort;
    this.standbyPort = standbyPort;
  }

  /** Starts the primary and, from its base backup, the standby; fails loudly without binaries. */
  public static PostgresStandby start() throws IOException {
    Path bin = serverBinaries();
    Path dir = Files.createTempDirectory("zonecast-pg-standby");
    if (ROOT) {
      run(List.of("chown", "postgres:postgres", dir.toString()));
    }
    PostgresStandby pair =
        new PostgresStandby(bin, dir, Bind9Secondary.freePort(), Bind9Secondary.freePort());
    Runtime.getRuntime().addShutdownHook(pair.cleanup);
    try {
      pair.launch();
    } catch (IOException | RuntimeException e) {
      pair.close();
      throw e;
    }
    return pair;
  }

  private static Path serverBinaries() {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b ->
              Files.isExecutable(b.resolve("initdb"))
                  && Files.isExecutable(b.resolve("pg_basebackup")))
          .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
          .orElseThrow();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "A PostgreSQL standby needs the server binaries (initdb, pg_basebackup) in"
              + " /usr/lib/postgresql/<version>/bin; install them: apt-get install -y postgresql"
              + " (bin/zonecast test does)",
          e);
    }
  }

  private void launch() throws IOException {
    Path primary = dir.resolve("primary");
    Path standby = dir.resolve("standby");
    asPostgres(bin.resolve("initdb"), "-D", primary, "-A", "trust", "-U", "postgres");
    Files.writeString(
        primary.resolve("pg_hba.conf"),
        "host replication all 127.0.0.1/32 trust\n",
        java.nio.file.StandardOpenOption.APPEND);
    startServer(primary, primaryPort);
    asPostgres(
        bin.resolve("pg_basebackup"),
        "-h",
        "127.0.0.1",
        "-p",
        primaryPort,
        "-U",
        "postgres",
        "-D",
        standby,
        "-R",
        "-X",
        "stream");
    startServer(standby, standbyPort);
    log.info(
        "PostgreSQL primary on 127.0.0.1:{}, streaming hot standby on 127.0.0.1:{} ({})",
        primaryPort,
        standbyPort,
        dir);
  }

  private void startServer(Path data, int port) throws IOException {
    asPostgres(
        bin.resolve("pg_ctl"),
        "-D",
        data,
        "-w",
        "-t",
        "60",
        "-l",
        data + ".log",
        "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=100",
        "start");
    running.add(data);
  }

  /** Creates a database on the primary (and so on the standby) and returns its name. */
  public String createDatabase(String name) {
    execute(primaryPort, "create database " + name);
    return name;
  }

  public String primaryUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + primaryPort + "/" + database;
  }

  public String standbyUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + standbyPort + "/" + database;
  }

  /** Stops replaying WAL on the standby: it keeps receiving it but shows nothing newer. */
  public void pauseReplay() {
    execute(standbyPort, "select pg_wal_replay_pause()");
  }

  public void resumeReplay() {
    execute(standbyPort, "select pg_wal_replay_resume()");
  }

  /** True when the standby has replayed everything the primary had written when asked. */
  public boolean caughtUp() {
    String written = query(primaryPort, "select pg_current_wal_lsn()::text");
    return Boolean.parseBoolean(
        query(standbyPort, "select (pg_last_wal_replay_lsn() >= '" + written + "')::text"));
  }

  /** A connection to {@code database} on the standby (read-only). */
  public Connection standby(String database) throws SQLException {
    return DriverManager.getConnection(standbyUrl(database), "postgres", "");
  }

  private static void execute(int port, String sql) {
    query(port, sql);
  }

  private static String query(int port, String sql) {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
        Statement s = c.createStatement()) {
      if (!s.execute(sql)) {
        return "";
      }
      try (ResultSet rs = s.getResultSet()) {
        return rs.next() ? String.valueOf(rs.getString(1)) : "";
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " on 127.0.0.1:" + port + " failed", e);
    }
  }

  private void asPostgres(Object... command) throws IOException {
    List<String> line = new ArrayList<>();
    if (ROOT) {
      line.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    for (Object part : command) {
      line.add(part.toString());
    }
    run(line);
  }

  private static void run(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      // read while it runs: a full pipe would block the process
      byte[] output = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " failed: " + new String(output).strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private synchronized void stopServers() {
    for (Path data : running.reversed()) {
      try {
        asPostgres(bin.resolve("pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop");
      } catch (IOException e) {
        log.warn("could not stop PostgreSQL in {}: {}", data, e.getMessage());
      }
    }
    running.clear();
  }

  /** Stops both servers and deletes their data. */
  @Override
  public void close() {
    stopServers();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException e) {
      // the JVM is shutting down and runs the hook itself
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.warn("could not delete {}: {}", dir, e.getMessage());
    }
  }
}
