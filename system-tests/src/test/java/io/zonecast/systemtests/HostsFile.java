package io.zonecast.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A hosts file of the test's own that the services resolve names through ({@code
 * zonecast.resolve.hosts-file}), so /etc/hosts is left alone; deleted on close.
 */
final class HostsFile implements AutoCloseable {

  private final Path path;

  private HostsFile(Path path) {
    this.path = path;
  }

  /** An empty hosts file in the temporary directory. */
  static HostsFile create() throws IOException {
    return new HostsFile(Files.createTempFile("zonecast-hosts", ""));
  }

  /** Replaces the file at once (a rename), as a configuration tool would. */
  void write(String lines) throws IOException {
    Path next = Files.createTempFile(path.getParent(), "zonecast-hosts", ".new");
    Files.writeString(next, lines);
    Files.move(next, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The settings of every service that read this file, again every second. */
  List<String> settings() {
    return List.of(
        "--zonecast.resolve.hosts-file=" + path, "--zonecast.resolve.refresh-interval=1s");
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(path);
  }
}
