package io.zonecast.systemtests;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Secondary;
import io.zonecast.testsupport.KnotSecondary;
import io.zonecast.testsupport.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The three services as processes on a fresh database, with two real BIND9 secondaries as the
 * pool's targets and nameservers; the pool manager can be killed and started again.
 */
final class ZonecastStack implements AutoCloseable {

  final Bind9Secondary bindA;

  /** Null in a stack whose second target is Knot ({@link Layout#BIND_AND_KNOT}). */
  final Bind9Secondary bindB;

  /** The second target of a stack started with {@link Layout#BIND_AND_KNOT}; else null. */
  KnotSecondary knot;

  final ApiClient api;

  /** Creating zones and recordsets, waiting for their status, transfers from MiniDNS. */
  final ZoneSteps zones;

  final int minidnsPort;
  final int minidnsHttpPort = Bind9Secondary.freePort();
  private final int apiPort;
  private final String database;
  private final boolean ownDatabase;
  private final Path pools;
  private final List<String> poolManagerArguments;
  private final List<ServiceProcess> services = new ArrayList<>();
  private final List<ServiceProcess> poolManagers = new ArrayList<>();
  private final List<Integer> poolManagerHttpPorts = new ArrayList<>();
  private List<String> minidnsArguments;

  private ZonecastStack(
      String database,
      boolean ownDatabase,
      Bind9Secondary bindA,
      Bind9Secondary bindB,
      Path pools,
      List<String> poolManagerArguments,
      ApiClient api,
      int apiPort,
      int minidnsPort) {
    this.minidnsPort = minidnsPort;
    this.apiPort = apiPort;
    this.database = database;
    this.ownDatabase = ownDatabase;
    this.bindA = bindA;
    this.bindB = bindB;
    this.pools = pools;
    this.poolManagerArguments = poolManagerArguments;
    this.api = api;
    this.zones = new ZoneSteps(api, minidnsPort);
  }

  /** The pools file a stack is started with. */
  enum Layout {
    /** One pool of two BIND9 targets (bind9, or bind9_catalog with a catalog zone). */
    ONE_POOL,
    /**
     * Two pools of one BIND9 secondary each: {@code default} ({@link
     * io.zonecast.model.pool.Pool#DEFAULT_POOL_ID}, attribute {@code tier: standard}, NS
     * ns1.standard.zonecast.test.) on {@link ZonecastStack#bindA}, and {@code gold} ({@link
     * ZonecastStack#GOLD_POOL_ID}, attribute {@code tier: gold}, NS ns1.gold.zonecast.test.) on
     * {@link ZonecastStack#bindB}.
     */
    TWO_POOLS,
    /**
     * One pool whose targets and nameservers are one BIND9 ({@link ZonecastStack#bindA}) and one
     * Knot DNS ({@link ZonecastStack#knot}, a {@code knot} target: the pool manager adds and
     * removes its zones through its control socket).
     */
    BIND_AND_KNOT,
    /**
     * One pool of {@code bindA} only ({@code bindB} runs, outside the pool); the pools file is
     * {@code pools.yaml} in a directory of its own, laid out as {@code bin/zonecast}'s state
     * directory.
     */
    FIRST_TARGET_ONLY
  }

  /** What a stack is started with; every setting but the name is optional. */
  static final class Options {
    private final String name;
    private List<String> centralSettings = List.of();
    private List<String> poolManagerSettings = List.of();
    private String catalogZone;
    private TsigKey tsigKey;
    private Integer minidnsPort;
    private List<Integer> alsoNotifyPorts = List.of();
    private Integer amqpPort;
    private Layout layout = Layout.ONE_POOL;
    private OwnPools own;
    private String databaseUrl;
    private List<String> minidnsSettings = List.of();

    private Options(String name) {
      this.name = name;
    }

    /** Extra {@code --key=value} arguments of central-service. */
    Options central(List<String> settings) {
      this.centralSettings = settings;
      return this;
    }

    /** Extra {@code --key=value} arguments of the pool manager. */
    Options poolManager(List<String> settings) {
      this.poolManagerSettings = settings;
      return this;
    }

    /** The pool's catalog zone, consumed by both secondaries as bind9_catalog targets. */
    Options catalogZone(String zone) {
      this.catalogZone = zone;
      return this;
    }

    /** A TSIG key both secondaries know and use towards MiniDNS. */
    Options tsigKey(TsigKey key) {
      this.tsigKey = key;
      return this;
    }

    /** MiniDNS's port, chosen by the caller (so secondaries started before can pull from it). */
    Options minidnsPort(int port) {
      this.minidnsPort = port;
      return this;
    }

    /** Ports on 127.0.0.1 the pool also NOTIFYs (neither provisioned nor polled). */
    Options alsoNotifyPorts(List<Integer> ports) {
      this.alsoNotifyPorts = ports;
      return this;
    }

    /** The AMQP broker on 127.0.0.1:{@code port}, vhost "/", with smaller database pools. */
    Options amqpPort(int port) {
      this.amqpPort = port;
      return this;
    }

    Options layout(Layout layout) {
      this.layout = layout;
      return this;
    }

    /**
     * An existing, empty database on a PostgreSQL of the test's own (user postgres, trust), e.g.
     * the primary of a {@link io.zonecast.testsupport.PostgresStandby}; the stack does not drop it.
     */
    Options database(String jdbcUrl) {
      this.databaseUrl = jdbcUrl;
      return this;
    }

    /** Extra {@code --key=value} arguments of MiniDNS. */
    Options minidns(List<String> settings) {
      this.minidnsSettings = settings;
      return this;
    }

    /** The test's own pools file and settings instead of a layout's. */
    Options ownPools(OwnPools own) {
      this.own = own;
      return this;
    }

    ZonecastStack start() throws IOException {
      return launch(this);
    }
  }

  /** The options of a stack named {@code name} (its database, secondaries and logs). */
  static Options named(String name) {
    return new Options(name);
  }

  /** A TSIG key both secondaries know and use towards MiniDNS (target option tsig_key_name). */
  record TsigKey(String name, String algorithm, String secret) {}

  /**
   * A pools file of the test's own, written from MiniDNS's port and the two secondaries, and
   * arguments every service gets ({@code everyService}) and MiniDNS gets ({@code minidns}).
   */
  record OwnPools(
      BiFunction<Integer, List<Bind9Secondary>, String> poolsFile,
      List<String> everyService,
      List<String> minidns) {}

  /** The gold pool's id in {@link Layout#TWO_POOLS}. */
  static final String GOLD_POOL_ID = "6c346011-e581-429b-a7a2-6cdf0aba91c3";

  /** central's setting of a new random key-encryption key, so that it can sign zones (DNSSEC). */
  static String newKeyEncryptionKey() {
    byte[] kek = new byte[32];
    new SecureRandom().nextBytes(kek);
    return "--zonecast.dnssec.key-encryption-key=" + Base64.getEncoder().encodeToString(kek);
  }

  /** Decided on the first start, so that options can be written without any infrastructure. */
  private static TestInfrastructure infra() {
    return TestInfrastructure.get();
  }

  private static ZonecastStack launch(Options options) throws IOException {
    String name = options.name;
    String catalogZone = options.catalogZone;
    boolean knotTarget = options.layout == Layout.BIND_AND_KNOT;
    String database =
        options.databaseUrl != null ? options.databaseUrl : infra().freshDatabase(name);
    int minidnsPort = options.minidnsPort != null ? options.minidnsPort : Bind9Secondary.freePort();
    // until the stack exists to close them, what started is stopped here if the rest fails
    Deque<AutoCloseable> started = new ArrayDeque<>();
    if (options.databaseUrl == null) {
      started.push(() -> infra().dropDatabase(database));
    }
    Bind9Secondary bindA;
    Bind9Secondary bindB;
    KnotSecondary knot;
    Path pools;
    try {
      bindA = secondary(name + "-a", catalogZone, minidnsPort);
      started.push(bindA);
      bindB = knotTarget ? null : secondary(name + "-b", catalogZone, minidnsPort);
      started.push(bindB != null ? bindB : () -> {});
      knot = knotTarget ? KnotSecondary.startEmpty(name) : null;
      started.push(knot != null ? knot : () -> {});
      pools = poolsFile(options, minidnsPort, bindA, bindB, knot);
    } catch (IOException | RuntimeException e) {
      while (!started.isEmpty()) {
        try {
          started.pop().close();
        } catch (Exception stopping) {
          e.addSuppressed(stopping);
        }
      }
      throw e;
    }
    int apiPort = Bind9Secondary.freePort();
    List<String> common = infra().springArguments(database);
    if (options.databaseUrl != null) {
      common =
          replacing(
              common,
              List.of("--spring.datasource.username=postgres", "--spring.datasource.password="));
    }
    if (options.amqpPort != null) {
      common = withBroker(common, options.amqpPort);
    }
    if (options.own != null) {
      common = new ArrayList<>(common);
      common.addAll(options.own.everyService());
    }

    List<String> poolManager = new ArrayList<>(common);
    poolManager.add("--zonecast.pool-manager.pools-file=" + pools);
    poolManager.addAll(options.poolManagerSettings);
    ZonecastStack stack =
        new ZonecastStack(
            database,
            options.databaseUrl == null,
            bindA,
            bindB,
            pools,
            poolManager,
            new ApiClient("http://127.0.0.1:" + apiPort, name),
            apiPort,
            minidnsPort);
    stack.knot = knot;
    try {
      List<String> central = new ArrayList<>(common);
      central.addAll(List.of("--server.port=" + apiPort, "--zonecast.central.pools-file=" + pools));
      // system tests are about propagation, not Designate's default quotas (10 zones a project)
      central.addAll(
          List.of(
              "--zonecast.central.quotas.zones=-1",
              "--zonecast.central.quotas.zone-recordsets=-1",
              "--zonecast.central.quotas.zone-records=-1"));
      central.addAll(options.centralSettings);
      stack.services.add(
          ServiceProcess.start(
              "central-service", central, "http://127.0.0.1:" + apiPort + "/actuator/health"));
      int minidnsHttp = stack.minidnsHttpPort;
      List<String> minidns = new ArrayList<>(common);
      minidns.addAll(
          List.of(
              "--server.port=" + minidnsHttp,
              "--zonecast.minidns.port=" + minidnsPort,
              "--zonecast.minidns.pools-file=" + pools));
      if (options.own != null) {
        minidns.addAll(options.own.minidns());
      }
      minidns.addAll(options.minidnsSettings);
      stack.minidnsArguments = minidns;
      // MiniDNS and the pool manager start side by side, as bin/zonecast up starts them
      ServiceProcess minidnsProcess = ServiceProcess.launch("minidns", minidns);
      stack.services.add(minidnsProcess);
      ServiceProcess poolManagerProcess = stack.beginPoolManager();
      minidnsProcess.healthyAt("http://127.0.0.1:" + minidnsHttp + "/actuator/health");
      poolManagerProcess.healthyAt(stack.poolManagerHealthUrl());
    } catch (IOException | RuntimeException e) {
      stack.close();
      throw e;
    }
    return stack;
  }

  /** Writes the pools file of the options' layout (or their own), with the targets started. */
  private static Path poolsFile(
      Options options,
      int minidnsPort,
      Bind9Secondary bindA,
      Bind9Secondary bindB,
      KnotSecondary knot)
      throws IOException {
    TsigKey tsigKey = options.tsigKey;
    String catalogZone = options.catalogZone;
    boolean firstTargetOnly = options.layout == Layout.FIRST_TARGET_ONLY;
    if (tsigKey != null) {
      for (Bind9Secondary bind : List.of(bindA, bindB)) {
        bind.tsigKey(tsigKey.name(), tsigKey.algorithm(), tsigKey.secret());
      }
    }
    Path pools =
        firstTargetOnly
            ? Files.createTempDirectory("zonecast-state").resolve("pools.yaml")
            : Files.createTempFile("zonecast-pools", ".yaml");
    Files.writeString(
        pools,
        options.own != null
            ? options.own.poolsFile().apply(minidnsPort, List.of(bindA, bindB))
            : knot != null
                ? poolsFile(minidnsPort, bindA, knot)
                : options.layout == Layout.TWO_POOLS
                    ? twoPoolsFile(minidnsPort, bindA, bindB)
                    : poolsFile(
                            minidnsPort,
                            firstTargetOnly ? List.of(bindA) : List.of(bindA, bindB),
                            catalogZone,
                            tsigKey == null ? null : tsigKey.name())
                        + alsoNotifies(options.alsoNotifyPorts));
    return pools;
  }

  /** Spring Boot takes a repeated argument as a list, so the broker's are replaced, not added. */
  private static List<String> withBroker(List<String> arguments, int amqpPort) {
    List<String> replaced = new ArrayList<>();
    for (String argument : arguments) {
      if (!argument.startsWith("--spring.rabbitmq.host=")
          && !argument.startsWith("--spring.rabbitmq.port=")
          && !argument.startsWith("--spring.rabbitmq.virtual-host=")) {
        replaced.add(argument);
      }
    }
    replaced.addAll(
        List.of(
            "--spring.rabbitmq.host=127.0.0.1",
            "--spring.rabbitmq.port=" + amqpPort,
            "--spring.rabbitmq.virtual-host=/",
            "--spring.datasource.hikari.maximum-pool-size=5"));
    return replaced;
  }

  /** {@code arguments} with each of {@code settings} in place of the same key's argument. */
  private static List<String> replacing(List<String> arguments, List<String> settings) {
    List<String> replaced = new ArrayList<>();
    for (String argument : arguments) {
      String key = argument.substring(0, argument.indexOf('=') + 1);
      if (settings.stream().noneMatch(setting -> setting.startsWith(key))) {
        replaced.add(argument);
      }
    }
    replaced.addAll(settings);
    return replaced;
  }

  /**
   * A connection to the stack's database (to read what the API does not show, e.g. the journal).
   */
  java.sql.Connection database() throws java.sql.SQLException {
    return ownDatabase
        ? java.sql.DriverManager.getConnection(database, infra().pgUser(), infra().pgPassword())
        : java.sql.DriverManager.getConnection(database, "postgres", "");
  }

  /** This stack's installation id: its database's, as every service of it reads it. */
  String installationId() throws java.sql.SQLException {
    try (var connection = database();
        var statement = connection.createStatement();
        var row = statement.executeQuery("select id from installation")) {
      row.next();
      return row.getString(1);
    }
  }

  /** The names of this installation's exchange and queues. */
  io.zonecast.runtime.amqp.AmqpNames amqpNames() throws java.sql.SQLException {
    return new io.zonecast.runtime.amqp.AmqpNames(
        new io.zonecast.runtime.amqp.Installation(installationId()));
  }

  /**
   * The lines this stack's MiniDNS logged (its pid in each): the log file is per service name, so
   * two stacks' MiniDNS write to the same one.
   */
  String minidnsOwnLines() {
    return ownLines(services.getLast());
  }

  /** The lines the pool-manager instance started last logged (its pid in each). */
  String poolManagerOwnLines() {
    return ownLines(poolManagers.getLast());
  }

  private static String ownLines(ServiceProcess service) {
    String mark = " " + service.pid() + " --- ";
    return service
        .log()
        .lines()
        .filter(line -> line.contains(mark))
        .collect(java.util.stream.Collectors.joining("\n"));
  }

  /** The port of central-service's REST API. */
  int apiPort() {
    return apiPort;
  }

  /** What central-service logged so far. */
  String centralLog() {
    return services.getFirst().log();
  }

  /**
   * Stops MiniDNS and starts it again with {@code moreArguments} as well, e.g. {@code
   * --zonecast.minidns.host=127.0.0.2}: a MiniDNS that moved.
   */
  void restartMinidns(List<String> moreArguments) throws IOException {
    int index = services.size() - 1; // started last, after central
    services.get(index).close();
    List<String> arguments = new ArrayList<>(minidnsArguments);
    arguments.addAll(moreArguments);
    services.set(
        index,
        ServiceProcess.start(
            "minidns", arguments, "http://127.0.0.1:" + minidnsHttpPort + "/actuator/health"));
  }

  /** Starts one more pool-manager instance. */
  void startPoolManager() throws IOException {
    beginPoolManager().healthyAt(poolManagerHealthUrl());
  }

  /** Starts one more pool-manager instance without waiting until it is healthy. */
  private ServiceProcess beginPoolManager() throws IOException {
    int http = Bind9Secondary.freePort();
    List<String> arguments = new ArrayList<>(poolManagerArguments);
    arguments.add("--server.port=" + http);
    ServiceProcess poolManager = ServiceProcess.launch("pool-manager", arguments);
    poolManagers.add(poolManager);
    poolManagerHttpPorts.add(http);
    return poolManager;
  }

  private String poolManagerHealthUrl() {
    return "http://127.0.0.1:" + poolManagerHttpPort() + "/actuator/health";
  }

  /** The pools file every service reads. */
  Path poolsFile() {
    return pools;
  }

  /** The management port (health, {@code /pools}) of the pool-manager instance started last. */
  int poolManagerHttpPort() {
    return poolManagerHttpPorts.getLast();
  }

  long poolManagerPid() {
    return poolManagers.getLast().pid();
  }

  long centralPid() {
    return services.getFirst().pid();
  }

  /** What the pool-manager instance started last logged so far. */
  String poolManagerLog() {
    return poolManagers.getLast().log();
  }

  /** kill -9 of the pool-manager instance started last. */
  void killPoolManager() {
    poolManagerHttpPorts.removeLast();
    poolManagers.removeLast().kill();
  }

  /** The stack's BIND9 secondaries (only bindA in a stack with a Knot target). */
  List<Bind9Secondary> secondaries() {
    return bindB == null ? List.of(bindA) : List.of(bindA, bindB);
  }

  private static Bind9Secondary secondary(String name, String catalogZone, int minidnsPort)
      throws IOException {
    return catalogZone == null
        ? Bind9Secondary.start(name)
        : Bind9Secondary.startConsumingCatalog(name, catalogZone, minidnsPort);
  }

  static String poolsFile(int minidnsPort, List<Bind9Secondary> secondaries) {
    return poolsFile(minidnsPort, secondaries, null, null);
  }

  /**
   * @param catalogZone the pool's catalog zone, whose consumers are bind9_catalog targets; or null
   * @param tsigKeyName the key bind9 targets sign their requests to MiniDNS with; or null
   */
  static String poolsFile(
      int minidnsPort, List<Bind9Secondary> secondaries, String catalogZone, String tsigKeyName) {
    StringBuilder yaml =
        new StringBuilder(
            """
            - name: default
              description: BIND9 secondaries of the system test
              ns_records:
                - hostname: ns1.zonecast.test.
                  priority: 1
                - hostname: ns2.zonecast.test.
                  priority: 2
              nameservers:
            """);
    for (Bind9Secondary bind : secondaries) {
      yaml.append("    - host: 127.0.0.1\n      port: ").append(bind.port()).append('\n');
    }
    if (catalogZone != null) {
      yaml.append("  catalog_zone:\n    catalog_zone_fqdn: ").append(catalogZone).append('\n');
    }
    yaml.append("  targets:\n");
    for (Bind9Secondary bind : secondaries) {
      if (catalogZone != null) {
        yaml.append(
            """
                - type: bind9_catalog
                  masters:
                    - host: 127.0.0.1
                      port: %d
                  options:
                    host: 127.0.0.1
                    port: %d
            """
                .formatted(minidnsPort, bind.port()));
        continue;
      }
      yaml.append(
          """
              - type: bind9
                masters:
                  - host: 127.0.0.1
                    port: %d
                options:
                  host: 127.0.0.1
                  port: %d
                  rndc_host: 127.0.0.1
                  rndc_port: %d
                  rndc_key_file: %s
                  log_file: %s
          """
              .formatted(
                  minidnsPort, bind.port(), bind.rndcPort(), bind.rndcKeyFile(), bind.logFile()));
      if (tsigKeyName != null) {
        yaml.append("        tsig_key_name: ").append(tsigKeyName).append('\n');
      }
    }
    return yaml.toString();
  }

  /** A pool of one bind9 target and one knot target, both also its nameservers. */
  static String poolsFile(int minidnsPort, Bind9Secondary bind, KnotSecondary knot) {
    String yaml = poolsFile(minidnsPort, List.of(bind));
    yaml =
        yaml.replace(
            "  targets:\n", "    - host: 127.0.0.1\n      port: " + knot.port() + "\n  targets:\n");
    return yaml
        + """
            - type: knot
              description: Knot DNS of the system test
              masters:
                - host: 127.0.0.1
                  port: %d
              options:
                host: 127.0.0.1
                port: %d
                socket: %s
        """
            .formatted(minidnsPort, knot.port(), knot.socket());
  }

  private static String twoPoolsFile(
      int minidnsPort, Bind9Secondary standard, Bind9Secondary gold) {
    return onePool("default", null, "standard", minidnsPort, standard)
        + onePool("gold", GOLD_POOL_ID, "gold", minidnsPort, gold);
  }

  private static String onePool(
      String name, String id, String tier, int minidnsPort, Bind9Secondary bind) {
    return """
    - name: %s
    %s  attributes:
        tier: %s
      ns_records:
        - hostname: ns1.%s.zonecast.test.
          priority: 1
      nameservers:
        - host: 127.0.0.1
          port: %d
      targets:
        - type: bind9
          masters:
            - host: 127.0.0.1
              port: %d
          options:
            host: 127.0.0.1
            port: %d
            rndc_host: 127.0.0.1
            rndc_port: %d
            rndc_key_file: %s
    """
        .formatted(
            name,
            id == null ? "" : "  id: " + id + "\n",
            tier,
            tier,
            bind.port(),
            minidnsPort,
            bind.port(),
            bind.rndcPort(),
            bind.rndcKeyFile());
  }

  private static String alsoNotifies(List<Integer> ports) {
    if (ports.isEmpty()) {
      return "";
    }
    StringBuilder yaml = new StringBuilder("  also_notifies:\n");
    for (int port : ports) {
      yaml.append("    - host: 127.0.0.1\n      port: ").append(port).append('\n');
    }
    return yaml.toString();
  }

  @Override
  public void close() {
    poolManagers.forEach(ServiceProcess::close);
    for (int i = services.size() - 1; i >= 0; i--) {
      services.get(i).close();
    }
    bindA.close();
    if (bindB != null) {
      bindB.close();
    }
    if (knot != null) {
      knot.close();
    }
    if (ownDatabase) {
      infra().dropDatabase(database);
    }
    pools.toFile().delete();
  }
}
