package io.zonecast.central.zone;

import java.util.List;
import java.util.UUID;

/**
 * The SOA and apex NS recordsets a zone is born with and a pool move rewrites. Owned here so that
 * {@code zone} does not depend on {@code recordset}; {@code recordset.ManagedRecordsets} implements
 * it. Every method runs inside the caller's transaction.
 */
public interface ApexRecordsets {

  /** The apex NS recordset's records and own TTL (null: the zone's), as served now. */
  record Nameservers(List<String> records, Integer ttl) {}

  void create(
      UUID zoneId,
      String projectId,
      String zoneName,
      long serial,
      String soaData,
      List<String> nameservers);

  Nameservers nameservers(UUID zoneId, String zoneName);

  /** Rewrites the apex NS recordset's records (a pool move), at the zone's new serial. */
  void replaceNameservers(UUID zoneId, String zoneName, List<String> records, long serial);
}
