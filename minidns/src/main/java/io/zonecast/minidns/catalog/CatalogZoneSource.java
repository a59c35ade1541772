package io.zonecast.minidns.catalog;

import io.zonecast.minidns.zonesource.JdbcCatalogMembers;
import io.zonecast.minidns.zonesource.JournalStep;
import io.zonecast.minidns.zonesource.ZoneHead;
import io.zonecast.minidns.zonesource.ZoneSnapshot;
import io.zonecast.minidns.zonesource.ZoneSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * The zones MiniDNS serves: the pools' catalog zones, made from their membership, and every other
 * name from the zones in the database. A catalog's name takes precedence over a stored zone of the
 * same name. A catalog has no journal, so an IXFR for it is answered with the whole zone (RFC 1995
 * section 4 allows it).
 */
@Component
@Primary
class CatalogZoneSource implements ZoneSource {

  private final ZoneSource stored;
  private final CatalogZones catalogs;
  private final JdbcCatalogMembers members;

  CatalogZoneSource(
      @Qualifier("jdbcZoneSource") ZoneSource stored,
      CatalogZones catalogs,
      JdbcCatalogMembers members) {
    this.stored = stored;
    this.catalogs = catalogs;
    this.members = members;
  }

  @Override
  public Optional<ZoneHead> findZone(Name name) {
    Optional<CatalogZone> catalog = catalogs.holding(name);
    if (catalog.isPresent()) {
      return Optional.of(catalog.get().head(members.serial(catalog.get().poolId())));
    }
    return stored.findZone(name);
  }

  @Override
  public List<Record> recordsAt(ZoneHead zone, Name name) {
    Optional<CatalogZone> catalog = catalogOf(zone);
    if (catalog.isEmpty()) {
      return stored.recordsAt(zone, name);
    }
    List<Record> found = new ArrayList<>();
    members.inSnapshot(
        catalog.get().poolId(),
        membership -> {
          catalog
              .get()
              .streamRecords(
                  membership,
                  r -> {
                    if (r.getName().equals(name)) {
                      found.add(r);
                    }
                  });
          return null;
        });
    return found;
  }

  @Override
  public boolean hasNamesBelow(ZoneHead zone, Name name) {
    Optional<CatalogZone> catalog = catalogOf(zone);
    if (catalog.isEmpty()) {
      return stored.hasNamesBelow(zone, name);
    }
    AtomicBoolean below = new AtomicBoolean();
    members.inSnapshot(
        catalog.get().poolId(),
        membership -> {
          catalog
              .get()
              .streamRecords(
                  membership,
                  r -> {
                    if (r.getName().subdomain(name) && !r.getName().equals(name)) {
                      below.set(true);
                    }
                  });
          return null;
        });
    return below.get();
  }

  /**
   * The catalog as of one snapshot, its members streamed from the database as the transfer writes
   * them (as a stored zone's records are), never listed in memory first.
   */
  @Override
  public <T> Optional<T> inSnapshot(Name apex, Function<ZoneSnapshot, T> work) {
    Optional<CatalogZone> catalog = catalogs.holding(apex).filter(c -> c.apex().equals(apex));
    if (catalog.isEmpty()) {
      return stored.inSnapshot(apex, work);
    }
    return Optional.ofNullable(
        members.inSnapshot(
            catalog.get().poolId(),
            membership -> {
              ZoneHead head = catalog.get().head(membership.serial());
              return work.apply(
                  new ZoneSnapshot() {
                    @Override
                    public ZoneHead head() {
                      return head;
                    }

                    @Override
                    public void streamRecords(Consumer<Record> consumer) {
                      catalog.get().streamRecords(membership, consumer);
                    }

                    @Override
                    public Optional<List<JournalStep>> journalFrom(long serial) {
                      return Optional.empty();
                    }
                  });
            }));
  }

  private Optional<CatalogZone> catalogOf(ZoneHead zone) {
    return catalogs
        .holding(zone.name())
        .filter(c -> c.apex().equals(zone.name()) && c.poolId().equals(zone.id()));
  }
}
