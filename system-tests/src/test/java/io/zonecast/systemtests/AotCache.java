package io.zonecast.systemtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the services from the JVM's ahead-of-time cache (JDK 25: JEP 483, 514, 515), so that the
 * system tests' hundred-odd service starts do not each load, link and profile Spring Boot's classes
 * anew: on this 2-core machine a start of central took 16 s of CPU without it and 7 s with it.
 *
 * <p>The cache is the one bin/zonecast uses, made by the same code: {@code aot_launch} in {@code
 * bin/lib/jvm} extracts the jar into {@code <module>/target/aot} (the JVM caches only classes read
 * from plain jars) and, on the first start after a build, trains the cache with that start's
 * options and arguments ({@code -Dspring.context.exit=onRefresh}: every singleton made, Flyway run,
 * then the JVM exits and writes the cache). A cache trained with bin/zonecast's heap serves these
 * starts too. What cannot be made is skipped and the service starts from its jar: the cache makes a
 * start faster, never different.
 */
final class AotCache {

  /** The system tests' JVM options of every service, with which a cache is trained. */
  static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx384m");

  /**
   * Added to a test's start only (not to the training, whose profiles bin/zonecast's starts use):
   * the client compiler alone. A test's service lives for seconds to a minute, too short for the
   * server compiler's work to pay off; without it a start of central took 4.7 s of CPU instead of 9
   * s (4.2 s wall instead of 5.8 s), same cache. The code it runs is the same.
   */
  static final String TEST_ONLY_OPTION = "-XX:TieredStopAtLevel=1";

  /** The Spring Boot services; anything else (local-infra's broker) starts from its jar. */
  private static final List<String> SERVICES =
      List.of("central-service", "minidns", "pool-manager");

  private AotCache() {}

  /** The command that starts {@code module} from {@code jar}, up to its arguments. */
  static synchronized List<String> command(String module, Path jar, List<String> arguments) {
    if (SERVICES.contains(module)) {
      try {
        return launch(module, jar, arguments);
      } catch (IOException e) {
        System.err.println(module + ": no AOT cache, starting from the jar: " + e.getMessage());
      }
    }
    List<String> command = new ArrayList<>();
    command.add(java());
    command.add(TEST_ONLY_OPTION);
    command.addAll(JVM_OPTIONS);
    command.add("-jar");
    command.add(jar.toString());
    return command;
  }

  private static List<String> launch(String module, Path jar, List<String> arguments)
      throws IOException {
    Path jvmScript = Path.of(System.getProperty("zonecast.root", "..")).resolve("bin/lib/jvm");
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of("bash", "-c", ". \"$0\" && aot_launch \"$@\"", jvmScript.toString(), module));
    command.add(jar.toString());
    command.addAll(JVM_OPTIONS);
    command.add("--");
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process process = builder.start();
    try {
      // its output is a few lines, well within the pipe's buffer: read once it ended
      long timeout = ServiceProcess.START_TIMEOUT.multipliedBy(2).toSeconds();
      if (!process.waitFor(timeout, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException("aot_launch failed or took over " + timeout + " s");
      }
      String options = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      List<String> launch = new ArrayList<>();
      launch.add(java());
      launch.add(TEST_ONLY_OPTION);
      launch.addAll(options.lines().filter(line -> !line.isEmpty()).toList());
      return launch;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException(e);
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
