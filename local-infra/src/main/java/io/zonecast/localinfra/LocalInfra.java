package io.zonecast.localinfra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded defaults of {@code bin/zonecast up}, one process:
 *
 * <ul>
 *   <li>{@code ensure-database <jdbc-url-of-postgres-db> <user> <password> <name>} creates the
 *       zonecast database on a running PostgreSQL if it is missing;
 *   <li>{@code serve [--postgres PORT] [--amqp PORT] --data DIR} runs a real PostgreSQL (zonky's
 *       binaries) and/or an AMQP 0-9-1 broker (Qpid Broker-J, Derby store) on 127.0.0.1 until the
 *       process is stopped. Their data lives under DIR, so it survives a restart.
 * </ul>
 */
public final class LocalInfra {

  private LocalInfra() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
    }
    switch (args[0]) {
      case "ensure-database" -> {
        if (args.length != 5) {
          usage();
        }
        ensureDatabase(args[1], args[2], args[3], args[4]);
      }
      case "serve" -> serve(args);
      default -> usage();
    }
  }

  private static void usage() {
    System.err.println(
        "usage: LocalInfra ensure-database JDBC_URL USER PASSWORD NAME\n"
            + "       LocalInfra serve [--postgres PORT] [--amqp PORT] --data DIR");
    System.exit(2);
  }

  static void ensureDatabase(String url, String user, String password, String name)
      throws SQLException {
    if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("database name '" + name + "' is not a plain identifier");
    }
    try (Connection c = DriverManager.getConnection(url, user, password);
        PreparedStatement exists =
            c.prepareStatement("select 1 from pg_database where datname = ?")) {
      exists.setString(1, name);
      try (ResultSet rs = exists.executeQuery()) {
        if (rs.next()) {
          System.out.println("database " + name + " exists");
          return;
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("create database " + name);
      }
      System.out.println("database " + name + " created");
    }
  }

  private static void serve(String[] args) throws Exception {
    Integer pgPort = null;
    Integer amqpPort = null;
    Path data = null;
    for (int i = 1; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--postgres" -> pgPort = Integer.parseInt(args[i + 1]);
        case "--amqp" -> amqpPort = Integer.parseInt(args[i + 1]);
        case "--data" -> data = Path.of(args[i + 1]);
        default -> usage();
      }
    }
    if (data == null || (pgPort == null && amqpPort == null)) {
      usage();
    }
    Files.createDirectories(data);
    List<AutoCloseable> started = new ArrayList<>();
    try {
      if (amqpPort != null) {
        started.add(EmbeddedBroker.start(amqpPort, data.resolve("amqp")));
        waitForPort(amqpPort, "AMQP broker");
        System.out.println("embedded AMQP broker (Qpid Broker-J) on 127.0.0.1:" + amqpPort);
      }
      if (pgPort != null) {
        started.add(EmbeddedDatabase.start(pgPort, data.resolve("postgres")));
        System.out.println("embedded PostgreSQL on 127.0.0.1:" + pgPort);
      }
    } catch (Exception e) {
      // a started broker's non-daemon threads would keep this JVM alive: close what started
      closeAll(started);
      throw e;
    }
    System.out.println("READY");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> {
              closeAll(started);
              stopped.countDown();
            }));
    stopped.await();
  }

  private static void closeAll(List<AutoCloseable> started) {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        System.err.println("while stopping: " + e);
      }
    }
    started.clear();
  }

  /** Qpid's launcher logs a bad start-up and returns normally: check the port really opened. */
  private static void waitForPort(int port, String what) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IOException(what + " did not open 127.0.0.1:" + port);
  }

  static Map<String, Object> context(int port, Path work) {
    Map<String, Object> context = new HashMap<>();
    context.put("qpid.amqp_port", String.valueOf(port));
    context.put("qpid.work_dir", work.toString());
    context.put("QPID_WORK", work.toString());
    return context;
  }
}
