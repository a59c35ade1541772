package io.zonecast.poolmanager.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs Knot DNS's {@code knotc} program against one control socket with a timeout, so a hung Knot
 * never hangs the pool manager, and holds one lock per control socket: Knot allows a single
 * configuration transaction at a time, so the pool manager's own transactions on one server must
 * take turns.
 */
class Knotc {

  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private final Map<Path, ReentrantLock> transactionLocks = new ConcurrentHashMap<>();

  /**
   * Runs {@code program -s socket -t seconds arguments...}.
   *
   * @param program the knotc program, a path or a name looked up in the system's program folders
   */
  Result run(String program, Path socket, Duration timeout, List<String> arguments)
      throws BackendException {
    List<String> command = new ArrayList<>();
    command.add(executable(program));
    command.addAll(List.of("-s", socket.toString(), "-t", String.valueOf(seconds(timeout))));
    command.addAll(arguments);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      // a second more than knotc's own timeout, so that knotc's message usually says what hung
      if (!process.waitFor(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new BackendException(
            "knotc did not finish within " + timeout.toMillis() + " ms: " + arguments);
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(process.exitValue(), output.strip());
    } catch (IOException e) {
      throw new BackendException("cannot run " + program + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException("interrupted while running knotc " + arguments);
    }
  }

  /** The lock the pool manager's configuration transactions on this control socket take. */
  ReentrantLock transactionLock(Path socket) {
    return transactionLocks.computeIfAbsent(
        socket.toAbsolutePath().normalize(), s -> new ReentrantLock(true));
  }

  /** knotc's own control timeout, whole seconds, at least one. */
  private static long seconds(Duration timeout) {
    return Math.max(1, (timeout.toMillis() + 999) / 1000);
  }

  private static String executable(String program) {
    return program.contains("/") ? program : Rndc.find(program);
  }
}
