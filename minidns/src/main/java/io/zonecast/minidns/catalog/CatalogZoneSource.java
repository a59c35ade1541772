package io.zonecast.minidns.catalog;

import io.zonecast.minidns.zonesource.CatalogMembership;
import io.zonecast.minidns.zonesource.JdbcCatalogMembers;
import io.zonecast.minidns.zonesource.JournalStep;
import io.zonecast.minidns.zonesource.ZoneHead;
import io.zonecast.minidns.zonesource.ZoneSnapshot;
import io.zonecast.minidns.zonesource.ZoneSource;
import java.util.List;
import java.util.Optional;
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
    return catalog.get().records(members.membership(catalog.get().poolId())).stream()
        .filter(r -> r.getName().equals(name))
        .toList();
  }

  @Override
  public boolean hasNamesBelow(ZoneHead zone, Name name) {
    Optional<CatalogZone> catalog = catalogOf(zone);
    if (catalog.isEmpty()) {
      return stored.hasNamesBelow(zone, name);
    }
    return catalog.get().records(members.membership(catalog.get().poolId())).stream()
        .anyMatch(r -> r.getName().subdomain(name) && !r.getName().equals(name));
  }

  @Override
  public <T> Optional<T> inSnapshot(Name apex, Function<ZoneSnapshot, T> work) {
    Optional<CatalogZone> catalog = catalogs.holding(apex).filter(c -> c.apex().equals(apex));
    if (catalog.isEmpty()) {
      return stored.inSnapshot(apex, work);
    }
    CatalogMembership membership = members.membership(catalog.get().poolId());
    ZoneHead head = catalog.get().head(membership.serial());
    List<Record> records = catalog.get().records(membership);
    return Optional.ofNullable(
        work.apply(
            new ZoneSnapshot() {
              @Override
              public ZoneHead head() {
                return head;
              }

              @Override
              public void streamRecords(Consumer<Record> consumer) {
                records.forEach(consumer);
              }

              @Override
              public Optional<List<JournalStep>> journalFrom(long serial) {
                return Optional.empty();
              }
            }));
  }

  private Optional<CatalogZone> catalogOf(ZoneHead zone) {
    return catalogs
        .holding(zone.name())
        .filter(c -> c.apex().equals(zone.name()) && c.poolId().equals(zone.id()));
  }
}
