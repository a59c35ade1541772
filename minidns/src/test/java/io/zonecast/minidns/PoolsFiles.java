package io.zonecast.minidns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A pools file whose one target (and nameserver) is 127.0.0.1, as bin/zonecast writes it. */
public final class PoolsFiles {

  private PoolsFiles() {}

  public static Path targetOnLoopback(int miniDnsPort) {
    try {
      Path file = Files.createTempFile("minidns-abuse-pools-", ".yaml");
      Files.writeString(
          file,
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
            also_notifies: []
          """
              .formatted(miniDnsPort));
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
