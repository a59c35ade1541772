package io.zonecast.central.zone;

import jakarta.persistence.LockModeType;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ZoneRepository extends JpaRepository<Zone, UUID> {

  /** Changes to one zone are serialised by this row lock, so serials never collide. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select z from Zone z where z.id = :id")
  Optional<Zone> lockById(@Param("id") UUID id);

  /** Projects owning a zone below {@code name} in any pool (see {@link #ownersBelow}). */
  @Query(
      value = "select distinct project_id from zones where name like :suffixPattern escape '\\'",
      nativeQuery = true)
  List<String> ownersBelowInAnyPool(@Param("suffixPattern") String suffixPattern);

  /**
   * Projects owning a zone below {@code name} in the pool: names ending in {@code .name}, matched
   * with {@code suffixPattern} (a LIKE pattern with _ and % escaped by backslash).
   */
  @Query(
      value =
          "select distinct project_id from zones where pool_id = :pool"
              + " and name like :suffixPattern escape '\\'",
      nativeQuery = true)
  List<String> ownersBelow(
      @Param("pool") UUID poolId, @Param("suffixPattern") String suffixPattern);

  /**
   * Zones PENDING whose last publication is older than the time they have been PENDING so far
   * (their change's {@code updated_at}), bounded by {@code minSeconds} and {@code maxSeconds}: so
   * the waits between re-publications double. Zones whose change still waits in the outbox (the
   * broker is unreachable) are left to the relay. Locked, skipping those another instance holds.
   */
  @Query(
      value =
          """
          select zones.*,
                 exists (select 1 from zone_shares s where s.zone_id = zones.id) as shared
          from zones
          where status = 'PENDING'
            and :now - published_at >= least(
                greatest(published_at - coalesce(updated_at, created_at),
                         make_interval(secs => :minSeconds)),
                make_interval(secs => :maxSeconds))
            and not exists (select 1 from outbox_events o where o.zone_id = zones.id)
          order by published_at
          limit :limit
          for update skip locked
          """,
      nativeQuery = true)
  List<Zone> lockStalePending(
      @Param("now") LocalDateTime now,
      @Param("minSeconds") double minSeconds,
      @Param("maxSeconds") double maxSeconds,
      @Param("limit") int limit);

  /** Rewrites the managed SOA record so it carries the zone's current serial. */
  @Modifying
  @Query(
      value =
          """
          update records set data = :soa
          where recordset_id in (select id from recordsets where zone_id = :zone and type = 'SOA')
          """,
      nativeQuery = true)
  int rewriteSoa(@Param("zone") UUID zoneId, @Param("soa") String soaData);
}
