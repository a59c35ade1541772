package io.zonecast.minidns.catalog;

import io.zonecast.model.pool.InvalidPoolsFileException;
import io.zonecast.model.pool.Pool;
import io.zonecast.model.pool.PoolsFileHolder;
import io.zonecast.model.pool.PoolsReloaded;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The catalog zones MiniDNS serves: one per pool of the pools file in force that names a {@code
 * catalog_zone}, taken again at every new version of it ({@link PoolsReloaded}). Without a pools
 * file there are none.
 */
@Component
public class CatalogZones {

  private static final Logger log = LoggerFactory.getLogger(CatalogZones.class);

  private volatile List<CatalogZone> catalogs;

  @Autowired
  CatalogZones(PoolsFileHolder pools) {
    this(of(pools.all(), "the pools file"));
    catalogs.forEach(c -> log.info("serving catalog zone {} of pool {}", c.apex(), c.poolId()));
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

  @EventListener
  void poolsReloaded(PoolsReloaded reloaded) {
    List<CatalogZone> now = of(reloaded.snapshot().pools(), "the pools file");
    log.info(
        "catalog zones now {} (were {})",
        now.stream().map(CatalogZone::apex).toList(),
        catalogs.stream().map(CatalogZone::apex).toList());
    catalogs = List.copyOf(now);
  }

  /**
   * The catalogs of {@code pools}.
   *
   * @throws InvalidPoolsFileException when a catalog zone's name is not a DNS name, so a version of
   *     the pools file with one is refused before it is put in force
   */
  public static List<CatalogZone> of(List<Pool> pools, String source) {
    List<CatalogZone> catalogs = new ArrayList<>();
    for (Pool pool : pools) {
      pool.catalog()
          .ifPresent(catalog -> {
            try {
              catalogs.add(
                  new CatalogZone(
                      Name.fromString(catalog.fqdn(), Name.root), pool.id(), catalog.refresh()));
            } catch (TextParseException | IllegalArgumentException e) {
              throw new InvalidPoolsFileException(
                  source + ": pool '" + pool.name() + "': " + e.getMessage());
            }
          });
    }
    return catalogs;
  }
}
