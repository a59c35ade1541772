package io.zonecast.poolmanager.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code rndc} program with a timeout, so a hung BIND9 never hangs the pool manager. */
class Rndc {

  record Result(int exitCode, String output) {}

  private final String executable;

  Rndc() {
    this.executable = find("rndc");
  }

  Result run(List<String> arguments, Duration timeout) throws BackendException {
    List<String> command = new ArrayList<>();
    command.add(executable);
    command.addAll(arguments);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new BackendException("rndc did not finish within " + timeout + ": " + arguments);
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(process.exitValue(), output.strip());
    } catch (IOException e) {
      throw new BackendException("cannot run rndc: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException("interrupted while running rndc");
    }
  }

  /** {@code program} from the system's program folders or PATH; else the bare name. */
  static String find(String program) {
    List<String> dirs = new ArrayList<>(List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin"));
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(":")));
    }
    for (String dir : dirs) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return program;
  }
}
