package io.zonecast.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The JVM's ahead-of-time cache of each service (JDK 25: JEP 483, 514, 515), so that the system
 * tests' hundred-odd service starts do not each load, link and profile Spring Boot's classes anew:
 * on this 2-core machine a start of central took 16 s of CPU without it and 7 s with it.
 *
 * <p>The cache belongs to the extracted form of the executable jar ({@code java -Djarmode=tools
 * -jar … extract}: the JVM caches only classes it reads from plain jars). On a service's first
 * start in a test run, a training run ({@code -Dspring.context.exit=onRefresh}: the context is
 * refreshed, so every singleton exists and Flyway has run, then the JVM exits) with the arguments
 * of that start writes the cache; every later start uses it. A cache the JVM cannot use (another
 * JDK, a changed jar) is ignored by the JVM with a warning, and a failed training leaves the
 * service to start without one: the cache makes a start faster, never different.
 */
final class AotCache {

  /** The JVM options the cache was trained with; a start must use the same to use it. */
  static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx384m");

  /** The Spring Boot services; anything else (local-infra's broker) starts without a cache. */
  private static final List<String> SERVICES =
      List.of("central-service", "minidns", "pool-manager");

  private static final int TRAINING_ATTEMPTS = 2;

  private static final Map<String, Integer> trainings = new HashMap<>();

  private AotCache() {}

  /**
   * The command that starts {@code module} from {@code jar} with the cache (training it first if
   * there is none yet), up to its arguments.
   */
  static synchronized List<String> command(
      String module, Path jar, List<String> arguments, Path logs) {
    if (!SERVICES.contains(module)) {
      return plain(jar);
    }
    Path home = Path.of(System.getProperty("zonecast.aot", "target/aot")).resolve(module);
    try {
      Path app = extracted(jar, home);
      Path cache = home.resolve(module + ".aot");
      if (!Files.exists(cache) && trainings.merge(module, 1, Integer::sum) <= TRAINING_ATTEMPTS) {
        train(app, cache, arguments, logs.resolve(module + "-aot-training.log"));
      }
      List<String> command = new ArrayList<>();
      command.add(java());
      command.addAll(JVM_OPTIONS);
      if (Files.exists(cache)) {
        command.add("-XX:AOTCache=" + cache);
      }
      command.add("-jar");
      command.add(app.toString());
      return command;
    } catch (IOException e) {
      System.err.println(module + ": no AOT cache, starting without one: " + e);
      return plain(jar);
    }
  }

  private static List<String> plain(Path jar) {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(JVM_OPTIONS);
    command.add("-jar");
    command.add(jar.toString());
    return command;
  }

  /** The extracted jar, extracted again when the built jar changed (its size or time). */
  private static Path extracted(Path jar, Path home) throws IOException {
    String stamp = Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
    Path stampFile = home.resolve("stamp");
    Path app = home.resolve("app").resolve(jar.getFileName());
    if (Files.exists(app) && Files.exists(stampFile) && Files.readString(stampFile).equals(stamp)) {
      return app;
    }
    deleteTree(home);
    Files.createDirectories(home);
    run(
        List.of(
            java(),
            "-Djarmode=tools",
            "-jar",
            jar.toString(),
            "extract",
            "--destination",
            home.resolve("app").toString()),
        home.resolve("extract.log"),
        Duration.ofMinutes(2));
    if (!Files.exists(app)) {
      throw new IOException("extracting " + jar + " made no " + app);
    }
    Files.writeString(stampFile, stamp);
    return app;
  }

  private static void train(Path app, Path cache, List<String> arguments, Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(JVM_OPTIONS);
    command.add("-XX:AOTCacheOutput=" + cache);
    command.add("-Dspring.context.exit=onRefresh");
    command.add("-jar");
    command.add(app.toString());
    command.addAll(arguments);
    try {
      run(command, log, ServiceProcess.START_TIMEOUT.multipliedBy(2));
    } catch (IOException e) {
      Files.deleteIfExists(cache);
      System.err.println(app.getFileName() + ": AOT training failed, see " + log + ": " + e);
    }
  }

  private static void run(List<String> command, Path log, Duration timeout) throws IOException {
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    try {
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IOException("did not finish within " + timeout.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException(e);
    }
    if (process.exitValue() != 0) {
      throw new IOException("exited with " + process.exitValue());
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
