package io.zonecast.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One zonecast service run from its executable jar as a separate JVM, the way it is deployed, its
 * output in {@code target/system-test-logs/<name>.log}.
 */
final class ServiceProcess implements AutoCloseable {

  /**
   * How long a service may take to start: 90 s, more on a loaded machine ({@code
   * -Dzonecast.start-timeout=300}, seconds, or an ISO-8601 duration such as {@code PT5M}). The one
   * setting of it: the Maven command line's {@code -D} reaches the test JVM as it is.
   */
  static final Duration START_TIMEOUT = startTimeout(System.getProperty("zonecast.start-timeout"));

  static Duration startTimeout(String value) {
    if (value == null || value.isBlank()) {
      return Duration.ofSeconds(90);
    }
    try {
      return value.strip().matches("\\d+")
          ? Duration.ofSeconds(Long.parseLong(value.strip()))
          : Duration.parse(value.strip());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "zonecast.start-timeout is seconds or an ISO-8601 duration (PT5M), not " + value, e);
    }
  }

  private final String name;
  private final Process process;
  private final Path log;

  private ServiceProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static ServiceProcess start(String module, List<String> arguments, String healthUrl)
      throws IOException {
    return launch(module, arguments).healthyAt(healthUrl);
  }

  /** Waits until the service answers healthy at {@code healthUrl}; stops it if it does not. */
  ServiceProcess healthyAt(String healthUrl) throws IOException {
    awaitHealthy(healthUrl);
    return this;
  }

  /** A process that says it is ready by printing {@code readyLine} alone on a line. */
  static ServiceProcess startUntilPrinted(String module, List<String> arguments, String readyLine)
      throws IOException {
    long logged = 0;
    Path logs = Path.of(System.getProperty("zonecast.logs", "target/system-test-logs"));
    Path log = logs.resolve(module + ".log");
    if (Files.exists(log)) {
      logged = Files.size(log);
    }
    ServiceProcess service = launch(module, arguments);
    service.awaitPrinted(readyLine, logged);
    return service;
  }

  /** Starts the process without waiting for it: {@link #healthyAt} waits. */
  static ServiceProcess launch(String module, List<String> arguments) throws IOException {
    Path root = Path.of(System.getProperty("zonecast.root", ".."));
    String version = System.getProperty("zonecast.version", "0.1.0-SNAPSHOT");
    Path jar = root.resolve(module).resolve("target").resolve(module + "-" + version + "-exec.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build with `mvn package` first");
    }
    Path logs = Path.of(System.getProperty("zonecast.logs", "target/system-test-logs"));
    Files.createDirectories(logs);
    Path log = logs.resolve(module + ".log");
    // SIGHUP at its default: a JVM keeps a signal ignored at its start (a test run under nohup
    // passes that on to everything it starts) ignored for good, and the tests send SIGHUP
    List<String> command = new ArrayList<>(List.of("env", "--default-signal=HUP"));
    command.addAll(AotCache.command(module, jar, arguments));
    command.addAll(arguments);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new ServiceProcess(module, process, log);
  }

  private void awaitPrinted(String readyLine, long logOffset) throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      String all = log();
      String output = all.substring((int) Math.min(logOffset, all.length()));
      if (output.lines().anyMatch(readyLine::equals)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited during start-up:\n" + tail());
      }
      sleep(100);
    }
    close();
    throw new IllegalStateException(
        name
            + " did not print "
            + readyLine
            + " within "
            + START_TIMEOUT.toSeconds()
            + " s:\n"
            + tail());
  }

  private void awaitHealthy(String healthUrl) throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited during start-up:\n" + tail());
      }
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create(healthUrl))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      sleep(200);
    }
    close();
    throw new IllegalStateException(
        name + " was not healthy within " + START_TIMEOUT.toSeconds() + " s:\n" + tail());
  }

  /** The process id, to send it signals ({@code kill -HUP}). */
  long pid() {
    return process.pid();
  }

  /** Everything the service logged so far. */
  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + log, e);
    }
  }

  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** kill -9: the JVM gets no chance to finish anything (SIGKILL on Linux). */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the process is still running. */
  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
