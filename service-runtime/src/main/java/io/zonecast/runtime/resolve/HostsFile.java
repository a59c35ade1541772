package io.zonecast.runtime.resolve;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first link of the resolver chain: a hosts file ({@code /etc/hosts} format: an address, then
 * its names, {@code #} starts a comment). A name on several lines gets all their addresses, in the
 * file's order. The file is read again whenever its modification time, size or identity (a file
 * replaced by a rename) changes, looked at on every lookup: one {@code stat}, much cheaper than
 * what the caller does with the address. A missing file holds no names; a file that cannot be read
 * keeps what was read last, and says so once.
 */
public final class HostsFile {

  private static final Logger log = LoggerFactory.getLogger(HostsFile.class);

  private final Path path;
  private volatile Version version;
  private volatile Map<String, List<InetAddress>> names = Map.of();

  private record Version(Object fileKey, FileTime modified, long size) {}

  public HostsFile(Path path) {
    this.path = Objects.requireNonNull(path, "path");
  }

  public Path path() {
    return path;
  }

  /** The addresses the file gives {@code host}, if it names it (case does not matter). */
  public Optional<List<InetAddress>> lookup(String host) {
    reloadIfChanged();
    return Optional.ofNullable(names.get(HostResolver.key(host)));
  }

  private void reloadIfChanged() {
    Version now;
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      now = new Version(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
    } catch (NoSuchFileException e) {
      now = new Version(null, null, -1);
    } catch (IOException e) {
      return; // keep what was read last; the read below logs a lasting problem
    }
    if (now.equals(version)) {
      return;
    }
    synchronized (this) {
      if (now.equals(version)) {
        return;
      }
      try {
        names = now.size() < 0 ? Map.of() : parse(Files.readAllLines(path));
        log.debug("hosts file {} read: {} names", path, names.size());
      } catch (NoSuchFileException e) {
        names = Map.of();
      } catch (IOException e) {
        log.warn("cannot read hosts file {} ({}): keeping what was read last", path, e.toString());
      }
      version = now;
    }
  }

  /** The names of a hosts file's lines and their addresses; lines that are no entry are skipped. */
  static Map<String, List<InetAddress>> parse(List<String> lines) {
    Map<String, List<InetAddress>> names = new LinkedHashMap<>();
    for (String line : lines) {
      int hash = line.indexOf('#');
      String[] fields = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
      if (fields.length < 2) {
        continue;
      }
      Optional<InetAddress> address = IpLiteral.parse(fields[0]);
      if (address.isEmpty()) {
        continue;
      }
      for (int i = 1; i < fields.length; i++) {
        List<InetAddress> addresses =
            names.computeIfAbsent(HostResolver.key(fields[i]), k -> new ArrayList<>());
        if (!addresses.contains(address.get())) {
          addresses.add(address.get());
        }
      }
    }
    names.replaceAll((name, addresses) -> List.copyOf(addresses));
    return Map.copyOf(names);
  }
}
