package io.zonecast.systemtests;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Secondary;
import io.zonecast.testsupport.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The three services as processes on a fresh database, with the given BIND9 secondaries as the
 * default pool's nameservers and targets; closed in reverse order of start.
 */
final class SystemStack implements AutoCloseable {

  private final TestInfrastructure infra;
  private final String database;
  private final List<ServiceProcess> services = new ArrayList<>();
  private final int minidnsPort = Bind9Secondary.freePort();
  private ApiClient api;

  private SystemStack(TestInfrastructure infra, String database) {
    this.infra = infra;
    this.database = database;
  }

  /** Starts central (with {@code centralArguments} added), minidns and pool-manager. */
  static SystemStack start(
      String name, List<Bind9Secondary> secondaries, List<String> centralArguments)
      throws IOException {
    TestInfrastructure infra = TestInfrastructure.get();
    SystemStack stack = new SystemStack(infra, infra.freshDatabase(name));
    try {
      stack.launch(secondaries, centralArguments);
      return stack;
    } catch (IOException | RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private void launch(List<Bind9Secondary> secondaries, List<String> centralArguments)
      throws IOException {
    int apiPort = Bind9Secondary.freePort();
    Path pools = Files.createTempFile("zonecast-pools", ".yaml");
    Files.writeString(pools, poolsFile(secondaries));
    List<String> common = infra.springArguments(database);

    List<String> central = new ArrayList<>(common);
    central.addAll(List.of("--server.port=" + apiPort, "--zonecast.central.pools-file=" + pools));
    central.addAll(centralArguments);
    services.add(ServiceProcess.start("central-service", central, health(apiPort)));

    int minidnsHttp = Bind9Secondary.freePort();
    List<String> minidns = new ArrayList<>(common);
    minidns.addAll(
        List.of("--server.port=" + minidnsHttp, "--zonecast.minidns.port=" + minidnsPort));
    services.add(ServiceProcess.start("minidns", minidns, health(minidnsHttp)));

    int poolManagerHttp = Bind9Secondary.freePort();
    List<String> poolManager = new ArrayList<>(common);
    poolManager.addAll(
        List.of("--server.port=" + poolManagerHttp, "--zonecast.pool-manager.pools-file=" + pools));
    services.add(ServiceProcess.start("pool-manager", poolManager, health(poolManagerHttp)));

    api = new ApiClient("http://127.0.0.1:" + apiPort, "system-test");
  }

  ApiClient api() {
    return api;
  }

  int minidnsPort() {
    return minidnsPort;
  }

  private static String health(int port) {
    return "http://127.0.0.1:" + port + "/actuator/health";
  }

  private String poolsFile(List<Bind9Secondary> secondaries) {
    StringBuilder yaml =
        new StringBuilder(
            """
            - name: default
              description: BIND9 secondaries for a system test
              ns_records:
                - hostname: ns1.zonecast.test.
                  priority: 1
              nameservers:
            """);
    for (Bind9Secondary bind : secondaries) {
      yaml.append("    - host: 127.0.0.1\n      port: ").append(bind.port()).append('\n');
    }
    yaml.append("  targets:\n");
    for (Bind9Secondary bind : secondaries) {
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
    }
    return yaml.toString();
  }

  @Override
  public void close() {
    for (int i = services.size() - 1; i >= 0; i--) {
      services.get(i).close();
    }
    infra.dropDatabase(database);
  }
}
