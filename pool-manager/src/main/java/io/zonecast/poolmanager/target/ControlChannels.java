package io.zonecast.poolmanager.target;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The control channels of the bind9 targets, one per BIND address, kept from call to call so their
 * connections are used again; and the targets' key files, read again only when one changes.
 */
final class ControlChannels {

  private record KeyFile(FileTime modified, Optional<ControlChannel.Key> key) {}

  private final Clock clock;
  private final ConcurrentMap<Path, KeyFile> keys = new ConcurrentHashMap<>();
  private final ConcurrentMap<InetSocketAddress, ControlChannel> channels =
      new ConcurrentHashMap<>();

  ControlChannels(Clock clock) {
    this.clock = clock;
  }

  /** The first key of the file, if its algorithm is one the channel speaks. */
  Optional<ControlChannel.Key> key(Path file) throws IOException {
    FileTime modified = Files.getLastModifiedTime(file);
    KeyFile known = keys.get(file);
    if (known != null && known.modified().equals(modified)) {
      return known.key();
    }
    Optional<ControlChannel.Key> key = ControlChannel.Key.read(file);
    keys.put(file, new KeyFile(modified, key));
    return key;
  }

  /** The channel to {@code server}; one of another key is closed and replaced. */
  ControlChannel channel(InetSocketAddress server, ControlChannel.Key key) {
    return channels.compute(
        server,
        (address, known) -> {
          if (known != null && sameKey(known.key(), key)) {
            return known;
          }
          if (known != null) {
            known.closeIdle();
          }
          return new ControlChannel(address, key, clock);
        });
  }

  private static boolean sameKey(ControlChannel.Key a, ControlChannel.Key b) {
    return a.name().equals(b.name())
        && a.algorithm().equals(b.algorithm())
        && Arrays.equals(a.secret(), b.secret());
  }
}
