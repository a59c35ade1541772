package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.model.pool.PoolsFile;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What can be checked of deploy/ without a container engine: the compose file, the Kubernetes
 * manifests and the pools files in them parse; every service they name has a Dockerfile whose jar
 * the build produces and whose layers the jar really has; and every port, environment variable and
 * health path they use is one the service really reads (its application.yaml and its records'
 * settings in the jar's configuration metadata, with Spring's relaxed binding of environment
 * variables).
 */
class DeploymentDescriptorsIT {

  static final Path ROOT = Path.of(System.getProperty("zonecast.root", "..")).toAbsolutePath();
  static final String VERSION = System.getProperty("zonecast.version", "0.1.0-SNAPSHOT");
  static final List<String> SERVICES = List.of("central-service", "pool-manager", "minidns");
  static final Pattern EXPOSE = Pattern.compile("(?m)^EXPOSE (\\d+)");
  static final Pattern HEALTH_PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+)/actuator/health/");
  static final Pattern LAYER =
      Pattern.compile("(?m)^COPY --from=layers /build/extracted/([a-z-]+)/");

  @TempDir Path temp;

  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(Path file) throws IOException {
    return (Map<String, Object>) new Yaml().load(Files.readString(file));
  }

  static List<Map<String, Object>> manifests() throws IOException {
    List<Map<String, Object>> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(ROOT.resolve("deploy/kubernetes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (Object document : new Yaml().loadAll(Files.readString(file))) {
          assertThat(document).as(file + " holds YAML objects").isInstanceOf(Map.class);
          @SuppressWarnings("unchecked")
          Map<String, Object> manifest = (Map<String, Object>) document;
          all.add(manifest);
        }
      }
    }
    return all;
  }

  /**
   * Every key of a service's application.yaml, flattened (a.b.c), and every zonecast setting its
   * records (and service-runtime's) declare, from the configuration metadata the build writes.
   */
  static Set<String> settingsOf(String service) throws IOException {
    Set<String> keys = new HashSet<>();
    flatten("", yaml(ROOT.resolve(service + "/src/main/resources/application.yaml")), keys);
    keys.addAll(declared(service).keySet());
    return keys;
  }

  /** The settings the records of a service and of service-runtime declare, with their defaults. */
  static Map<String, Object> declared(String service) throws IOException {
    Map<String, Object> settings = new HashMap<>();
    for (String module : List.of("service-runtime", service)) {
      Path metadata =
          ROOT.resolve(module + "/target/classes/META-INF/spring-configuration-metadata.json");
      assertThat(metadata).as("the build writes " + metadata).isRegularFile();
      for (JsonNode property : JsonMapper.shared().readTree(metadata.toFile()).path("properties")) {
        JsonNode value = property.get("defaultValue");
        settings.put(
            property.path("name").asString(),
            value == null ? null : value.isNumber() ? value.numberValue() : value.asString());
      }
    }
    return settings;
  }

  @SuppressWarnings("unchecked")
  static void flatten(String prefix, Map<String, Object> map, Set<String> into) {
    map.forEach((key, value) -> {
      String name = prefix.isEmpty() ? key : prefix + "." + key;
      into.add(name);
      if (value instanceof Map<?, ?> nested) {
        flatten(name, (Map<String, Object>) nested, into);
      }
    });
  }

  /** A setting's value in the service's application.yaml, else its record's default. */
  static Object setting(String service, String key) throws IOException {
    Object value = yaml(ROOT.resolve(service + "/src/main/resources/application.yaml"));
    for (String part : key.split("\\.")) {
      value = value instanceof Map<?, ?> map ? map.get(part) : null;
    }
    return value != null ? value : declared(service).get(key);
  }

  /** Spring Boot's rule: upper case, dots to underscores, dashes removed. */
  static String environmentName(String setting) {
    return setting.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /**
   * Spring Boot's own settings a deployment may set though no application.yaml names them: the
   * broker address list (spring.rabbitmq.addresses, which takes the place of host and port).
   */
  static final Set<String> SPRING_BOOT_SETTINGS = Set.of("SPRING_RABBITMQ_ADDRESSES");

  /** Read by the JVM itself, not by Spring: the JVM options (checked against bin/lib/jvm). */
  static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

  static void assertRead(String service, String variable) throws IOException {
    if (SPRING_BOOT_SETTINGS.contains(variable) || JVM_VARIABLES.contains(variable)) {
      return;
    }
    Set<String> read = new HashSet<>();
    for (String key : settingsOf(service)) {
      read.add(environmentName(key));
    }
    assertThat(read)
        .as("%s reads a setting named by the environment variable %s", service, variable)
        .contains(variable);
  }

  @Test
  void everyServiceImageIsBuiltFromAJarTheBuildProducesWithTheLayersItsDockerfileCopies()
      throws Exception {
    for (String service : SERVICES) {
      String dockerfile = Files.readString(ROOT.resolve(service + "/Dockerfile"));
      assertThat(dockerfile).contains("COPY target/" + service + "-*-exec.jar app.jar");
      assertThat(dockerfile).contains("USER 10001");
      Path jar = ROOT.resolve(service + "/target/" + service + "-" + VERSION + "-exec.jar");
      assertThat(jar).as("the build produces " + jar).isRegularFile();

      Path extracted = temp.resolve(service);
      Process extract =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Djarmode=tools",
                  "-jar",
                  jar.toString(),
                  "extract",
                  "--layers",
                  "--launcher",
                  "--destination",
                  extracted.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(extract.getInputStream().readAllBytes());
      assertThat(extract.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(extract.exitValue()).as(output).isZero();
      Matcher layers = LAYER.matcher(dockerfile);
      List<String> copied = new ArrayList<>();
      while (layers.find()) {
        copied.add(layers.group(1));
        assertThat(extracted.resolve(layers.group(1))).isDirectory();
      }
      assertThat(copied)
          .containsExactly(
              "dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
      assertThat(
              extracted.resolve(
                  "spring-boot-loader/org/springframework/boot/loader/launch/JarLauncher.class"))
          .as("the ENTRYPOINT's launcher")
          .isRegularFile();
    }
  }

  @Test
  void dockerfilesExposeAndProbeThePortsTheServicesListenOn() throws Exception {
    for (String service : SERVICES) {
      String dockerfile = Files.readString(ROOT.resolve(service + "/Dockerfile"));
      String httpPort = String.valueOf(setting(service, "server.port"));
      Matcher expose = EXPOSE.matcher(dockerfile);
      assertThat(expose.find()).isTrue();
      assertThat(expose.group(1)).isEqualTo(httpPort);
      Matcher health = HEALTH_PORT.matcher(dockerfile);
      assertThat(health.find()).isTrue();
      assertThat(health.group(1)).isEqualTo(httpPort);
      assertThat(setting(service, "management.endpoint.health.probes.enabled"))
          .as(service + " serves /actuator/health/liveness and /readiness")
          .isEqualTo(true);
    }
    assertThat(Files.readString(ROOT.resolve("minidns/Dockerfile")))
        .contains(setting("minidns", "zonecast.minidns.port") + "/udp");
  }

  @Test
  @SuppressWarnings("unchecked")
  void composeServicesUseRealBuildContextsPortsVariablesAndPoolsFiles() throws Exception {
    Map<String, Object> compose = yaml(ROOT.resolve("deploy/compose.yaml"));
    Map<String, Object> services = (Map<String, Object>) compose.get("services");
    assertThat(services).containsKeys("postgres", "rabbitmq", "bind9-a", "bind9-b");
    assertThat(services).containsKeys(SERVICES.toArray(String[]::new));
    for (Map.Entry<String, Object> entry : services.entrySet()) {
      Map<String, Object> service = (Map<String, Object>) entry.getValue();
      if (service.get("build") instanceof String context) {
        assertThat(ROOT.resolve("deploy").resolve(context).resolve("Dockerfile"))
            .as(entry.getKey() + "'s build context has a Dockerfile")
            .isRegularFile();
      }
    }
    for (String name : SERVICES) {
      Map<String, Object> service = (Map<String, Object>) services.get(name);
      assertThat(service.get("build")).isEqualTo("../" + name);
      for (String variable : ((Map<String, Object>) service.get("environment")).keySet()) {
        assertRead(name, variable);
      }
      List<String> test =
          (List<String>) ((Map<String, Object>) service.get("healthcheck")).get("test");
      assertThat(String.join(" ", test))
          .contains(
              "http://127.0.0.1:" + setting(name, "server.port") + "/actuator/health/readiness");
      for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
        String source = volume.toString().split(":")[0];
        if (source.startsWith("./")) {
          Path file = ROOT.resolve("deploy").resolve(source);
          assertThat(file).isRegularFile();
          assertThat(PoolsFile.read(file).pools()).isNotEmpty();
        }
      }
    }
    Map<String, Object> minidns = (Map<String, Object>) services.get("minidns");
    assertThat((List<String>) minidns.get("ports"))
        .contains("127.0.0.1:5354:5354/udp", "127.0.0.1:5354:5354/tcp");
    assertThat(ROOT.resolve("deploy/bind9/named.conf.template")).isRegularFile();
    assertThat(ROOT.resolve("deploy/bind9/render-named-conf")).isExecutable();
  }

  @Test
  @SuppressWarnings("unchecked")
  void kubernetesManifestsNameRealImagesPortsProbesVariablesAndAValidPoolsFile() throws Exception {
    List<Map<String, Object>> manifests = manifests();
    Map<String, String> settingsData = new HashMap<>();
    String poolsYaml = null;
    List<String> deployments = new ArrayList<>();
    for (Map<String, Object> manifest : manifests) {
      assertThat(manifest).containsKeys("apiVersion", "kind");
      Map<String, Object> metadata = (Map<String, Object>) manifest.get("metadata");
      if (manifest.get("kind").equals("ConfigMap")) {
        Map<String, String> data = (Map<String, String>) manifest.get("data");
        if (metadata.get("name").equals("zonecast-settings")) {
          settingsData.putAll(data);
        } else if (metadata.get("name").equals("zonecast-pools")) {
          poolsYaml = data.get("pools.yaml");
        }
      }
    }
    for (Map<String, Object> manifest : manifests) {
      Map<String, Object> metadata = (Map<String, Object>) manifest.get("metadata");
      if (!manifest.get("kind").equals("Deployment")) {
        continue;
      }
      String name = (String) metadata.get("name");
      deployments.add(name);
      assertThat(SERVICES).contains(name);
      Map<String, Object> pod = podSpec(manifest);
      Map<String, Object> container =
          ((List<Map<String, Object>>) pod.get("containers")).getFirst();
      assertThat((String) container.get("image")).startsWith("zonecast/" + name + ":");
      List<Map<String, Object>> ports = (List<Map<String, Object>>) container.get("ports");
      assertThat(ports)
          .anySatisfy(p -> {
            assertThat(p.get("name")).isEqualTo("http");
            try {
              assertThat(p.get("containerPort")).isEqualTo(setting(name, "server.port"));
            } catch (IOException e) {
              throw new AssertionError(e);
            }
          });
      for (String probe : List.of("readinessProbe", "livenessProbe")) {
        Map<String, Object> httpGet =
            (Map<String, Object>) ((Map<String, Object>) container.get(probe)).get("httpGet");
        assertThat(httpGet.get("path"))
            .isEqualTo(
                "/actuator/health/" + (probe.equals("readinessProbe") ? "readiness" : "liveness"));
      }
      for (Map<String, Object> variable : (List<Map<String, Object>>) container.get("env")) {
        assertRead(name, (String) variable.get("name"));
      }
      for (String variable : settingsData.keySet()) {
        assertRead(name, variable);
      }
    }
    assertThat(deployments).containsExactlyInAnyOrderElementsOf(SERVICES);
    assertThat(settingsData).isNotEmpty();
    assertThat(poolsYaml).isNotNull();
    assertThat(PoolsFile.parse(new StringReader(poolsYaml), "zonecast-pools").pools()).isNotEmpty();
  }

  /** The JVM options bin/lib/jvm gives a service by default (as bin/zonecast up and cluster do). */
  static List<String> jvmOptions(String service) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                "bash",
                "-c",
                "source \"$1\" && service_jvm_options \"$2\"",
                "jvm",
                ROOT.resolve("bin/lib/jvm").toString(),
                service.replace("central-service", "central"))
            .redirectErrorStream(true);
    // the defaults, whatever heap this test's own environment asks for
    builder.environment().keySet().removeIf(v -> v.startsWith("ZONECAST_") && v.endsWith("_HEAP"));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output.lines().filter(l -> !l.isBlank()).toList();
  }

  /** Bytes of a JVM size (256m, 1g) or a Kubernetes quantity (384Mi, 1Gi). */
  static long bytes(String size) {
    Matcher m = Pattern.compile("(\\d+)([kKmMgG])?i?").matcher(size);
    assertThat(m.matches()).as("a size: " + size).isTrue();
    long unit =
        switch (m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT)) {
          case "k" -> 1L << 10;
          case "m" -> 1L << 20;
          case "g" -> 1L << 30;
          default -> 1;
        };
    return Long.parseLong(m.group(1)) * unit;
  }

  static long option(List<String> options, String prefix) {
    return bytes(
        options.stream()
            .filter(o -> o.startsWith(prefix))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + prefix + " in " + options))
            .substring(prefix.length()));
  }

  @Test
  @SuppressWarnings("unchecked")
  void composeServicesRunWithTheJvmOptionsOfBinLibJvm() throws Exception {
    for (Path file :
        List.of(ROOT.resolve("deploy/compose.yaml"), ROOT.resolve("deploy/podman/compose.yaml"))) {
      Map<String, Object> services = (Map<String, Object>) yaml(file).get("services");
      for (String name : SERVICES) {
        Map<String, Object> environment =
            (Map<String, Object>) ((Map<String, Object>) services.get(name)).get("environment");
        assertThat(environment).as(file + ": " + name).containsKey("JAVA_TOOL_OPTIONS");
        assertThat(environment.get("JAVA_TOOL_OPTIONS").toString().split(" "))
            .as(file + ": " + name + "'s JAVA_TOOL_OPTIONS are bin/lib/jvm's")
            .containsExactlyElementsOf(jvmOptions(name));
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void kubernetesContainersRunWithTheJvmOptionsOfBinLibJvmWithinTheirMemoryLimits()
      throws Exception {
    List<String> checked = new ArrayList<>();
    for (Map<String, Object> manifest : manifests()) {
      if (!manifest.get("kind").equals("Deployment")) {
        continue;
      }
      String name = (String) ((Map<String, Object>) manifest.get("metadata")).get("name");
      Map<String, Object> pod = podSpec(manifest);
      Map<String, Object> container =
          ((List<Map<String, Object>>) pod.get("containers")).getFirst();
      String toolOptions =
          ((List<Map<String, Object>>) container.get("env"))
              .stream()
                  .filter(v -> v.get("name").equals("JAVA_TOOL_OPTIONS"))
                  .map(v -> (String) v.get("value"))
                  .findFirst()
                  .orElseThrow(() -> new AssertionError(name + " sets no JAVA_TOOL_OPTIONS"));
      List<String> options = jvmOptions(name);
      // the images start java with -XX:MaxRAMPercentage only, which an -Xmx here overrides
      assertThat(Files.readString(ROOT.resolve(name + "/Dockerfile")))
          .contains("ENTRYPOINT [\"java\", \"-XX:MaxRAMPercentage=75\"");
      assertThat(toolOptions.split(" "))
          .as(name + "'s JAVA_TOOL_OPTIONS are bin/lib/jvm's")
          .containsExactlyElementsOf(options);

      Map<String, Object> resources = (Map<String, Object>) container.get("resources");
      long request =
          bytes(((Map<String, Object>) resources.get("requests")).get("memory").toString());
      long limit = bytes(((Map<String, Object>) resources.get("limits")).get("memory").toString());
      long heap = option(options, "-Xmx");
      long pools =
          heap
              + option(options, "-XX:MaxMetaspaceSize=")
              + option(options, "-XX:ReservedCodeCacheSize=")
              + option(options, "-XX:MaxDirectMemorySize=");
      assertThat(request)
          .as(name + ": the memory request holds the heap")
          .isGreaterThanOrEqualTo(heap);
      assertThat(limit)
          .as(name + ": the memory limit holds every bounded pool and 256Mi for the rest")
          .isGreaterThanOrEqualTo(pools + (256L << 20));
      checked.add(name);
    }
    assertThat(checked).containsExactlyInAnyOrderElementsOf(SERVICES);
  }

  @Test
  @SuppressWarnings("unchecked")
  void kubernetesManifestsMatchTheClusterTopology() throws Exception {
    Map<String, Integer> replicas = new HashMap<>();
    Map<String, String> settings = new HashMap<>();
    Map<String, Integer> minAvailable = new HashMap<>();
    List<String> minidnsVariables = new ArrayList<>();
    for (Map<String, Object> manifest : manifests()) {
      Map<String, Object> metadata = (Map<String, Object>) manifest.get("metadata");
      Map<String, Object> spec = (Map<String, Object>) manifest.get("spec");
      String name = metadata == null ? null : (String) metadata.get("name");
      switch ((String) manifest.get("kind")) {
        case "Deployment" -> {
          replicas.put(name, (Integer) spec.get("replicas"));
          if (name.equals("minidns")) {
            Map<String, Object> pod = podSpec(manifest);
            for (Map<String, Object> variable :
                (List<Map<String, Object>>)
                    ((List<Map<String, Object>>) pod.get("containers")).getFirst().get("env")) {
              minidnsVariables.add((String) variable.get("name"));
            }
          }
        }
        case "ConfigMap" -> {
          if (name.equals("zonecast-settings")) {
            settings.putAll((Map<String, String>) manifest.get("data"));
          }
        }
        case "PodDisruptionBudget" -> minAvailable.put(name, (Integer) spec.get("minAvailable"));
        default -> {}
      }
    }
    assertThat(replicas.get("central-service")).isGreaterThanOrEqualTo(2);
    assertThat(replicas).containsEntry("pool-manager", 2).containsEntry("minidns", 3);
    assertThat(settings).containsEntry("ZONECAST_AMQP_QUEUETYPE", "quorum");
    assertThat(settings.get("SPRING_RABBITMQ_ADDRESSES").split(",")).hasSize(3);
    assertThat(minidnsVariables).contains("ZONECAST_MINIDNS_READREPLICA_URL");
    for (Map.Entry<String, Integer> budget : minAvailable.entrySet()) {
      assertThat(budget.getValue()).isLessThan(replicas.get(budget.getKey()));
    }
    assertThat(minAvailable).containsKeys(SERVICES.toArray(String[]::new));
  }

  /** A Deployment's pod template spec. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> podSpec(Map<String, Object> deployment) {
    Map<String, Object> spec = (Map<String, Object>) deployment.get("spec");
    return (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
  }
}
