package io.zonecast.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * The one place that decides where integration tests get PostgreSQL and RabbitMQ: containers when a
 * Docker engine answers, otherwise the services running on this machine (127.0.0.1:5432 trust auth,
 * 127.0.0.1:5672 guest/guest). With neither it fails and says what to start; a test that needs
 * these services never skips. Decided once per JVM and logged.
 *
 * <p>Each test gets its own database ({@link #freshDatabase}) and each JVM its own RabbitMQ virtual
 * host, so runs never see each other's rows or messages.
 */
public final class TestInfrastructure {

  private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
  private static TestInfrastructure instance;

  public enum Mode {
    TESTCONTAINERS,
    LOCAL
  }

  private final Mode mode;
  private final String pgHost;
  private final int pgPort;
  private final String pgUser;
  private final String pgPassword;
  private final String rabbitHost;
  private final int rabbitPort;
  private final String rabbitVirtualHost;
  private final List<String> droppedAtExit = new ArrayList<>();

  private TestInfrastructure(
      Mode mode,
      String pgHost,
      int pgPort,
      String pgUser,
      String pgPassword,
      String rabbitHost,
      int rabbitPort,
      String rabbitVirtualHost) {
    this.mode = mode;
    this.pgHost = pgHost;
    this.pgPort = pgPort;
    this.pgUser = pgUser;
    this.pgPassword = pgPassword;
    this.rabbitHost = rabbitHost;
    this.rabbitPort = rabbitPort;
    this.rabbitVirtualHost = rabbitVirtualHost;
  }

  public static synchronized TestInfrastructure get() {
    if (instance == null) {
      instance = decide();
    }
    return instance;
  }

  private static TestInfrastructure decide() {
    String forced = System.getProperty("zonecast.test.infra", System.getenv("ZONECAST_TEST_INFRA"));
    boolean docker =
        forced == null || forced.isBlank()
            ? dockerAvailable()
            : forced.trim().equalsIgnoreCase("testcontainers");
    if (docker) {
      return startContainers();
    }
    String host = System.getenv().getOrDefault("ZONECAST_TEST_HOST", "127.0.0.1");
    int pgPort = Integer.parseInt(System.getenv().getOrDefault("ZONECAST_TEST_PG_PORT", "5432"));
    int amqpPort =
        Integer.parseInt(System.getenv().getOrDefault("ZONECAST_TEST_AMQP_PORT", "5672"));
    boolean pg = portOpen(host, pgPort);
    boolean amqp = portOpen(host, amqpPort);
    if (!pg || !amqp) {
      throw new IllegalStateException(
          "Integration tests need PostgreSQL and RabbitMQ, and there is no Docker engine for"
              + " Testcontainers. Not reachable:"
              + (pg ? "" : " PostgreSQL on " + host + ":" + pgPort)
              + (amqp ? "" : " RabbitMQ on " + host + ":" + amqpPort)
              + ". Start them: `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main"
              + " start` and `rabbitmq-server -detached`, or start a Docker engine.");
    }
    String vhost = localVirtualHost();
    log.info(
        "Integration tests use the LOCAL services: PostgreSQL {}:{}, RabbitMQ {}:{} vhost '{}'",
        host,
        pgPort,
        host,
        amqpPort,
        vhost);
    return new TestInfrastructure(
        Mode.LOCAL,
        host,
        pgPort,
        System.getenv().getOrDefault("ZONECAST_TEST_PG_USER", "postgres"),
        System.getenv().getOrDefault("ZONECAST_TEST_PG_PASSWORD", "postgres"),
        host,
        amqpPort,
        vhost);
  }

  @SuppressWarnings("resource") // the containers live as long as the test JVM
  private static TestInfrastructure startContainers() {
    PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:16-alpine");
    RabbitMQContainer rabbit = new RabbitMQContainer("rabbitmq:3.13-alpine");
    postgres.start();
    rabbit.start();
    log.info(
        "Integration tests use TESTCONTAINERS: PostgreSQL {}, RabbitMQ {}",
        postgres.getJdbcUrl(),
        rabbit.getAmqpUrl());
    return new TestInfrastructure(
        Mode.TESTCONTAINERS,
        postgres.getHost(),
        postgres.getMappedPort(5432),
        postgres.getUsername(),
        postgres.getPassword(),
        rabbit.getHost(),
        rabbit.getAmqpPort(),
        "/");
  }

  /**
   * A virtual host of our own on the local RabbitMQ, so that queues left by an earlier run or by a
   * concurrently running one are never consumed here. Falls back to "/" where rabbitmqctl is not
   * usable (a remote broker), and says so.
   */
  private static String localVirtualHost() {
    String vhost = "zonecast-test-" + ProcessHandle.current().pid();
    try {
      run(List.of("rabbitmqctl", "-q", "add_vhost", vhost));
      run(List.of("rabbitmqctl", "-q", "set_permissions", "-p", vhost, "guest", ".*", ".*", ".*"));
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(() -> {
                try {
                  run(List.of("rabbitmqctl", "-q", "delete_vhost", vhost));
                } catch (IOException e) {
                  // the vhost is empty and harmless; nothing else to do at JVM exit
                }
              }));
      return vhost;
    } catch (IOException e) {
      log.warn("cannot create a RabbitMQ virtual host ({}); tests share vhost '/'", e.getMessage());
      return "/";
    }
  }

  private static void run(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        String out = new String(p.getInputStream().readAllBytes());
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " failed: " + out.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable e) {
      return false;
    }
  }

  private static boolean portOpen(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public Mode mode() {
    return mode;
  }

  /**
   * Creates an empty database for one test class and returns its JDBC URL. The name starts with
   * {@code prefix}; the database is left behind for inspection after a failure and dropped by
   * {@link #dropDatabase}.
   */
  public String freshDatabase(String prefix) {
    String name =
        (prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_")
                + "_"
                + UUID.randomUUID().toString().substring(0, 8))
            .toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(adminUrl(), pgUser, pgPassword);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return jdbcUrl(name);
  }

  /**
   * Applies the migrations of every owner of tables ({@link Schema}) to {@code jdbcUrl}, in one
   * history as an installation has them: for tests that need tables or views of services other than
   * the one under test (MiniDNS owns none; the pool manager reads central's views).
   */
  public String migrate(String jdbcUrl) {
    Flyway.configure()
        .dataSource(jdbcUrl, pgUser, pgPassword)
        .locations(Schema.allLocations())
        .load()
        .migrate();
    return jdbcUrl;
  }

  /**
   * Applies every migration up to {@code version} in one run and one history, as the code before
   * tables had owners did (all files in one location, migrated by central-service): a database as
   * an installation of that code left it. The files moved to their owners unchanged, so the history
   * rows (versions, scripts, checksums) are those that code wrote.
   */
  public String migrateAsBeforeOwners(String jdbcUrl, String version) {
    Flyway.configure()
        .dataSource(jdbcUrl, pgUser, pgPassword)
        .locations(Schema.allLocations())
        .target(version)
        .load()
        .migrate();
    return jdbcUrl;
  }

  /**
   * Migrates {@code jdbcUrl} as {@code module} does when it starts: its {@code spring.flyway}
   * settings from its {@code application.yaml} in the source tree, its locations read there.
   */
  public String migrateAs(String module, String jdbcUrl) {
    Schema.flywayOf(module).dataSource(jdbcUrl, pgUser, pgPassword).load().migrate();
    return jdbcUrl;
  }

  /**
   * Drops the database now if nothing is connected to it, else when this JVM ends. A Spring test
   * context stays cached after its class, with its connection pool and timers: dropping its
   * database under it made the next class wait 30 s while the cached context was paused (its
   * heartbeat waited for a connection that could no longer be made), eight times in central's ITs.
   */
  public void dropDatabase(String jdbcUrl) {
    String name = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    try (Connection c = DriverManager.getConnection(adminUrl(), pgUser, pgPassword)) {
      if (connectionsTo(c, name) == 0) {
        drop(c, name);
      } else {
        dropAtExit(name);
      }
    } catch (SQLException e) {
      log.warn("cannot drop test database {}: {}", name, e.getMessage());
    }
  }

  private synchronized void dropAtExit(String name) {
    if (droppedAtExit.isEmpty()) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(this::dropLeftDatabases, "drop-test-databases"));
    }
    droppedAtExit.add(name);
  }

  /**
   * At exit, the cached contexts close beside this hook: each database once they left it. Each drop
   * is tried on its own, so one that fails leaves the others dropped.
   */
  private synchronized void dropLeftDatabases() {
    try (Connection c = DriverManager.getConnection(adminUrl(), pgUser, pgPassword)) {
      long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      for (String name : droppedAtExit) {
        try {
          while (connectionsTo(c, name) > 0 && System.nanoTime() < giveUp) {
            Thread.sleep(100);
          }
          drop(c, name);
        } catch (SQLException e) {
          log.warn("cannot drop test database {}: {}", name, e.getMessage());
        }
      }
    } catch (SQLException e) {
      log.warn("cannot drop the test databases {}: {}", droppedAtExit, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int connectionsTo(Connection c, String database) throws SQLException {
    try (PreparedStatement count =
        c.prepareStatement(
            "select count(*) from pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
      count.setString(1, database);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  private static void drop(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database;
  }

  private String adminUrl() {
    return jdbcUrl(mode == Mode.TESTCONTAINERS ? "test" : "postgres");
  }

  public String pgUser() {
    return pgUser;
  }

  public String pgPassword() {
    return pgPassword;
  }

  public String rabbitHost() {
    return rabbitHost;
  }

  public int rabbitPort() {
    return rabbitPort;
  }

  public String rabbitVirtualHost() {
    return rabbitVirtualHost;
  }

  /**
   * Spring Boot properties pointing an application at these services and the given database, for an
   * application context inside the test JVM. Spring keeps every test class's context open until the
   * JVM ends, so each gets a small connection pool: a module's integration tests together must stay
   * under PostgreSQL's max_connections (100 by default).
   */
  public Map<String, String> springProperties(String jdbcUrl) {
    Map<String, String> properties = serviceProperties(jdbcUrl);
    properties.put("spring.datasource.hikari.maximum-pool-size", "8");
    properties.put("spring.datasource.hikari.minimum-idle", "1");
    return properties;
  }

  private Map<String, String> serviceProperties(String jdbcUrl) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("spring.datasource.url", jdbcUrl);
    properties.put("spring.datasource.username", pgUser);
    properties.put("spring.datasource.password", pgPassword);
    properties.put("spring.rabbitmq.host", rabbitHost);
    properties.put("spring.rabbitmq.port", String.valueOf(rabbitPort));
    properties.put("spring.rabbitmq.username", "guest");
    properties.put("spring.rabbitmq.password", "guest");
    properties.put("spring.rabbitmq.virtual-host", rabbitVirtualHost);
    return properties;
  }

  /** The same properties as command-line arguments, for a service run as a process. */
  public List<String> springArguments(String jdbcUrl) {
    return serviceProperties(jdbcUrl).entrySet().stream()
        .map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toList();
  }
}
