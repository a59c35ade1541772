package io.zonecast.poolmanager.pool;

import io.zonecast.model.pool.InvalidPoolsFileException;
import io.zonecast.model.pool.Pool;
import io.zonecast.model.pool.PoolsFile;
import io.zonecast.poolmanager.system.PoolManagerProperties;
import io.zonecast.poolmanager.target.Backends;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The pools this pool manager serves, read from the pools file at start-up. A file that is missing
 * or invalid, or a target whose backend cannot be made from it, stops the start with the reason.
 */
@Component
public class Pools {

  private static final Logger log = LoggerFactory.getLogger(Pools.class);

  private final PoolsFile file;

  @Autowired
  Pools(PoolManagerProperties properties, Backends backends) {
    this(properties.poolsFile(), backends);
  }

  Pools(Path path, Backends backends) {
    if (!Files.isRegularFile(path)) {
      // PoolsFile would say only "cannot read pools file x: x" (NoSuchFileException's message)
      throw new InvalidPoolsFileException(
          "pools file " + path.toAbsolutePath() + " does not exist or is not a file");
    }
    this.file = PoolsFile.read(path);
    for (Pool pool : file.pools()) {
      for (int i = 0; i < pool.targets().size(); i++) {
        try {
          backends.forTarget(pool, pool.targets().get(i));
          dnsAddress(pool.targets().get(i));
        } catch (IllegalArgumentException e) {
          throw new InvalidPoolsFileException(
              path + ": pool '" + pool.name() + "' target #" + (i + 1) + ": " + e.getMessage());
        }
      }
      log.info(
          "pool {} ({}): {} targets, {} nameservers, {} also_notifies",
          pool.name(),
          pool.id(),
          pool.targets().size(),
          pool.nameservers().size(),
          pool.alsoNotifies().size());
    }
  }

  public List<Pool> all() {
    return file.pools();
  }

  public Optional<Pool> find(UUID id) {
    return file.find(id);
  }

  /**
   * Where a target answers DNS, so where its NOTIFYs go: options {@code host} (127.0.0.1) and
   * {@code port} (53), as in Designate.
   *
   * @throws IllegalArgumentException when the port is not a port
   */
  public static Pool.HostPort dnsAddress(Pool.Target target) {
    String host = target.option("host", "127.0.0.1").trim();
    String port = target.option("port", "53").trim();
    try {
      int number = Integer.parseInt(port);
      if (number >= 1 && number <= 65535 && !host.isEmpty()) {
        return new Pool.HostPort(host, number);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "options host '" + host + "' and port '" + port + "' are no DNS address");
  }
}
