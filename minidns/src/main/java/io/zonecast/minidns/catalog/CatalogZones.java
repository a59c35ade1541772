package io.zonecast.minidns.catalog;

import io.zonecast.model.pool.InvalidPoolsFileException;
import io.zonecast.model.pool.Pool;
import io.zonecast.model.pool.PoolsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The catalog zones MiniDNS serves: one per pool of the pools file ({@code
 * zonecast.minidns.pools-file}) that names a {@code catalog_zone}. Without a pools file there are
 * none.
 */
@Component
public class CatalogZones {

  private static final Logger log = LoggerFactory.getLogger(CatalogZones.class);

  private final List<CatalogZone> catalogs;

  @Autowired
  CatalogZones(@Value("${zonecast.minidns.pools-file:}") String poolsFile) {
    this(poolsFile.isBlank() ? List.of() : read(Path.of(poolsFile)));
  }

  public CatalogZones(List<CatalogZone> catalogs) {
    this.catalogs = List.copyOf(catalogs);
  }

  /** The catalog whose apex is {@code name} or an ancestor of it. */
  public Optional<CatalogZone> holding(Name name) {
    return catalogs.stream().filter(c -> c.holds(name)).findFirst();
  }

  public List<CatalogZone> all() {
    return catalogs;
  }

  private static List<CatalogZone> read(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new InvalidPoolsFileException(
          "pools file " + path.toAbsolutePath() + " does not exist or is not a file");
    }
    List<CatalogZone> catalogs = new ArrayList<>();
    for (Pool pool : PoolsFile.read(path).pools()) {
      pool.catalog()
          .ifPresent(catalog -> {
            try {
              catalogs.add(
                  new CatalogZone(
                      Name.fromString(catalog.fqdn(), Name.root), pool.id(), catalog.refresh()));
            } catch (TextParseException | IllegalArgumentException e) {
              throw new InvalidPoolsFileException(
                  path + ": pool '" + pool.name() + "': " + e.getMessage());
            }
            log.info("serving catalog zone {} of pool {}", catalog.fqdn(), pool.name());
          });
    }
    return catalogs;
  }
}
