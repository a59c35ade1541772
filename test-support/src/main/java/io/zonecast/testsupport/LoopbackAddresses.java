package io.zonecast.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Addresses of 127/8 other than 127.0.0.1 for a test server. named listens only on addresses an
 * interface has, and lo has only 127.0.0.1/8 (though Linux answers on all of 127/8): another
 * loopback address is added to lo for the test (as root), and removed again by {@link #close()}.
 */
final class LoopbackAddresses implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LoopbackAddresses.class);

  private final List<String> added = new ArrayList<>();

  /** Makes sure lo has {@code loopback}, adding it when it lacks it. */
  void give(String loopback) throws IOException {
    InetAddress wanted = InetAddress.getByName(loopback);
    if (!wanted.isLoopbackAddress()) {
      throw new IllegalArgumentException(loopback + " is not a loopback address");
    }
    if (NetworkInterface.getByInetAddress(wanted) != null) {
      return;
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new IllegalStateException(
          "a BIND9 secondary on "
              + loopback
              + " needs that address on lo, which only root can add (ip addr add "
              + loopback
              + "/32 dev lo)");
    }
    ServerProcess.exec(List.of(ip(), "addr", "add", loopback + "/32", "dev", "lo"), "");
    added.add(loopback);
  }

  /** Removes the addresses {@link #give} added. */
  @Override
  public void close() {
    for (String address : added) {
      try {
        ServerProcess.exec(List.of(ip(), "addr", "del", address + "/32", "dev", "lo"), "");
      } catch (IOException | RuntimeException e) {
        log.warn("could not remove {} from lo: {}", address, e.getMessage());
      }
    }
    added.clear();
  }

  private static String ip() {
    for (String candidate : List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new IllegalStateException("the ip program (iproute2) is not installed");
  }
}
