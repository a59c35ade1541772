package io.zonecast.systemtests;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Secondary;
import io.zonecast.testsupport.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The three services as processes on a fresh database, with two real BIND9 secondaries as the
 * pool's targets and nameservers; the pool manager can be killed and started again.
 */
final class ZonecastStack implements AutoCloseable {

  private static final TestInfrastructure infra = TestInfrastructure.get();

  final Bind9Secondary bindA;
  final Bind9Secondary bindB;
  final ApiClient api;
  final int minidnsPort;
  final int minidnsHttpPort = Bind9Secondary.freePort();
  private final int apiPort;
  private final String database;
  private final Path pools;
  private final List<String> poolManagerArguments;
  private final List<ServiceProcess> services = new ArrayList<>();
  private final List<ServiceProcess> poolManagers = new ArrayList<>();

  private ZonecastStack(
      String database,
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
    this.bindA = bindA;
    this.bindB = bindB;
    this.pools = pools;
    this.poolManagerArguments = poolManagerArguments;
    this.api = api;
  }

  /**
   * @param centralSettings extra {@code --key=value} arguments of central-service
   * @param poolManagerSettings extra arguments of the pool manager
   */
  static ZonecastStack start(
      String name, List<String> centralSettings, List<String> poolManagerSettings)
      throws IOException {
    return launch(
        name, centralSettings, poolManagerSettings, null, null, null, List.of(), null, null);
  }

  /**
   * A stack whose MiniDNS listens on {@code minidnsPort} (chosen by the caller, so secondaries
   * started before the stack can pull from it) and whose pool also NOTIFYs 127.0.0.1 on each of
   * {@code alsoNotifyPorts}: secondaries the pool manager neither provisions nor polls.
   */
  static ZonecastStack startWithAlsoNotifies(
      String name, int minidnsPort, List<Integer> alsoNotifyPorts) throws IOException {
    return launch(name, List.of(), List.of(), null, null, minidnsPort, alsoNotifyPorts, null, null);
  }

  /**
   * A stack whose services use the AMQP broker on 127.0.0.1:{@code amqpPort}, vhost "/", with
   * database pools of 5 connections each (its tests make few changes at once, and the PostgreSQL
   * they use may be shared by other runs).
   */
  static ZonecastStack startWithBroker(
      String name, List<String> centralSettings, List<String> poolManagerSettings, int amqpPort)
      throws IOException {
    return launch(
        name, centralSettings, poolManagerSettings, null, null, null, List.of(), amqpPort, null);
  }

  /** A TSIG key both secondaries know and use towards MiniDNS (target option tsig_key_name). */
  record TsigKey(String name, String algorithm, String secret) {}

  /** A stack whose secondaries sign their requests to MiniDNS with {@code tsigKey}. */
  static ZonecastStack start(
      String name, List<String> centralSettings, List<String> poolManagerSettings, TsigKey tsigKey)
      throws IOException {
    return launch(
        name, centralSettings, poolManagerSettings, null, tsigKey, null, List.of(), null, null);
  }

  /**
   * A stack whose pool has the catalog zone {@code catalogZone}, served by MiniDNS and consumed by
   * both secondaries, which are {@code bind9_catalog} targets (no rndc).
   */
  static ZonecastStack startWithCatalog(String name, String catalogZone) throws IOException {
    return launch(name, List.of(), List.of(), catalogZone, null, null, List.of(), null, null);
  }

  /**
   * A pools file of the test's own, written from MiniDNS's port and the two secondaries, and
   * arguments every service gets ({@code everyService}) and MiniDNS gets ({@code minidns}).
   */
  record OwnPools(
      BiFunction<Integer, List<Bind9Secondary>, String> poolsFile,
      List<String> everyService,
      List<String> minidns) {}

  /** A stack with its own pools file and settings (see {@link OwnPools}). */
  static ZonecastStack startWithOwnPools(
      String name, List<String> poolManagerSettings, OwnPools own) throws IOException {
    return launch(name, List.of(), poolManagerSettings, null, null, null, List.of(), null, own);
  }

  private static ZonecastStack launch(
      String name,
      List<String> centralSettings,
      List<String> poolManagerSettings,
      String catalogZone,
      TsigKey tsigKey,
      Integer chosenMinidnsPort,
      List<Integer> alsoNotifyPorts,
      Integer amqpPort,
      OwnPools own)
      throws IOException {
    String database = infra.freshDatabase(name);
    int minidnsPort = chosenMinidnsPort != null ? chosenMinidnsPort : Bind9Secondary.freePort();
    Bind9Secondary bindA = secondary(name + "-a", catalogZone, minidnsPort);
    Bind9Secondary bindB = secondary(name + "-b", catalogZone, minidnsPort);
    if (tsigKey != null) {
      for (Bind9Secondary bind : List.of(bindA, bindB)) {
        bind.tsigKey(tsigKey.name(), tsigKey.algorithm(), tsigKey.secret());
      }
    }
    int apiPort = Bind9Secondary.freePort();
    Path pools = Files.createTempFile("zonecast-pools", ".yaml");
    Files.writeString(
        pools,
        own != null
            ? own.poolsFile().apply(minidnsPort, List.of(bindA, bindB))
            : poolsFile(
                    minidnsPort,
                    List.of(bindA, bindB),
                    catalogZone,
                    tsigKey == null ? null : tsigKey.name())
                + alsoNotifies(alsoNotifyPorts));
    List<String> common = infra.springArguments(database);
    if (amqpPort != null) {
      common = withBroker(common, amqpPort);
    }
    if (own != null) {
      common = new ArrayList<>(common);
      common.addAll(own.everyService());
    }

    List<String> poolManager = new ArrayList<>(common);
    poolManager.add("--zonecast.pool-manager.pools-file=" + pools);
    poolManager.addAll(poolManagerSettings);
    ZonecastStack stack =
        new ZonecastStack(
            database,
            bindA,
            bindB,
            pools,
            poolManager,
            new ApiClient("http://127.0.0.1:" + apiPort, name),
            apiPort,
            minidnsPort);
    try {
      List<String> central = new ArrayList<>(common);
      central.addAll(List.of("--server.port=" + apiPort, "--zonecast.central.pools-file=" + pools));
      // system tests are about propagation, not Designate's default quotas (10 zones a project)
      central.addAll(
          List.of(
              "--zonecast.central.quotas.zones=-1",
              "--zonecast.central.quotas.zone-recordsets=-1",
              "--zonecast.central.quotas.zone-records=-1"));
      central.addAll(centralSettings);
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
      if (own != null) {
        minidns.addAll(own.minidns());
      }
      stack.services.add(
          ServiceProcess.start(
              "minidns", minidns, "http://127.0.0.1:" + minidnsHttp + "/actuator/health"));
      stack.startPoolManager();
    } catch (IOException | RuntimeException e) {
      stack.close();
      throw e;
    }
    return stack;
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

  /**
   * A connection to the stack's database (to read what the API does not show, e.g. the journal).
   */
  java.sql.Connection database() throws java.sql.SQLException {
    return java.sql.DriverManager.getConnection(database, infra.pgUser(), infra.pgPassword());
  }

  /** The port of central-service's REST API. */
  int apiPort() {
    return apiPort;
  }

  /** What central-service logged so far. */
  String centralLog() {
    return services.getFirst().log();
  }

  /** Starts one more pool-manager instance. */
  void startPoolManager() throws IOException {
    int http = Bind9Secondary.freePort();
    List<String> arguments = new ArrayList<>(poolManagerArguments);
    arguments.add("--server.port=" + http);
    poolManagers.add(
        ServiceProcess.start(
            "pool-manager", arguments, "http://127.0.0.1:" + http + "/actuator/health"));
  }

  /** kill -9 of the pool-manager instance started last. */
  void killPoolManager() {
    poolManagers.removeLast().kill();
  }

  List<Bind9Secondary> secondaries() {
    return List.of(bindA, bindB);
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
          """
              .formatted(minidnsPort, bind.port(), bind.rndcPort(), bind.rndcKeyFile()));
      if (tsigKeyName != null) {
        yaml.append("        tsig_key_name: ").append(tsigKeyName).append('\n');
      }
    }
    return yaml.toString();
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
    bindB.close();
    infra.dropDatabase(database);
    pools.toFile().delete();
  }
}
