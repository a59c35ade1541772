package io.zonecast.minidns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Pools files for MiniDNS tests: one pool whose one target (and nameserver) is 127.0.0.1, as
 * bin/zonecast writes it, with MiniDNS as the target's master.
 */
public final class PoolsFiles {

  private PoolsFiles() {}

  /** Such a file, without also-notifies, deleted when the JVM exits. */
  public static Path targetOnLoopback(int miniDnsPort) {
    try {
      Path file = Files.createTempFile("minidns-pools-", ".yaml");
      Files.writeString(file, yaml(miniDnsPort, List.of()));
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file's text, with {@code alsoNotifies} (hosts, port 53) when there are any. */
  public static String yaml(int miniDnsPort, List<String> alsoNotifies) {
    StringBuilder yaml =
        new StringBuilder(
            """
            - name: default
              ns_records:
                - hostname: ns1.example.org.
                  priority: 1
              nameservers:
                - host: 127.0.0.1
                  port: 5310
              targets:
                - type: bind9
                  masters:
                    - host: 127.0.0.1
                      port: %d
                  options:
                    host: 127.0.0.1
                    port: 5310
            """
                .formatted(miniDnsPort));
    if (!alsoNotifies.isEmpty()) {
      yaml.append("  also_notifies:\n");
      alsoNotifies.forEach(
          host -> yaml.append("    - host: ").append(host).append("\n      port: 53\n"));
    }
    return yaml.toString();
  }
}
