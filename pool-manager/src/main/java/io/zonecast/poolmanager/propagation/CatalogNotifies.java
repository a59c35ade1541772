package io.zonecast.poolmanager.propagation;

import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.poolmanager.pool.Pools;
import io.zonecast.poolmanager.target.Backends;
import org.springframework.stereotype.Component;

/**
 * Tells the targets that consume the pool's catalog zone that the catalog changed: a zone was
 * created or deleted, and MiniDNS's catalog already says so (the change was committed before it was
 * sent here). The catalog travels as a zone named by the catalog, with the pool's id; MiniDNS reads
 * its serial when it sends the NOTIFY.
 */
@Component
class CatalogNotifies {

  private final Casts casts;

  CatalogNotifies(Casts casts) {
    this.casts = casts;
  }

  void membershipChanged(RequestContext context, Pool pool) {
    pool.catalog()
        .ifPresent(catalog -> {
          ZoneRef catalogZone = new ZoneRef(pool.id(), catalog.fqdn(), pool.id(), 0);
          pool.targets().stream()
              .filter(Backends::consumesCatalog)
              .forEach(target ->
                  casts.notifyZoneChanged(
                      context, catalogZone, Pools.dnsAddress(target).toString()));
        });
  }
}
