package io.zonecast.central.zone;

import io.zonecast.central.journal.JournalRecord;
import io.zonecast.central.journal.RecordDelta;
import io.zonecast.central.pool.PoolCatalog;
import io.zonecast.central.scheduler.PoolScheduler;
import io.zonecast.central.scheduler.ZoneAttributes;
import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.model.pool.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Designate's pool move ({@code POST /v2/zones/{id}/tasks/pool_move}, admin): the zone goes to
 * another pool without a gap in service. In one transaction its pool id, the pool's NS records in
 * its apex NS recordset and its SOA MNAME change, with a new serial, and the pool manager gets the
 * change naming the new pool (it adds the zone to that pool's targets first, since the zone's
 * propagation is in another pool); the old pool's targets keep serving the zone meanwhile. Only
 * once the new pool serves the zone is it removed from the old pool's targets ({@link
 * PoolMoveReports}).
 */
@Service
public class ZonePoolMove {

  private static final Logger log = LoggerFactory.getLogger(ZonePoolMove.class);

  private final ZoneRepository zones;
  private final ZoneChanges changes;
  private final PoolMoves moves;
  private final PoolCatalog pools;
  private final PoolScheduler scheduler;
  private final ApexRecordsets managed;

  ZonePoolMove(
      ZoneRepository zones,
      ZoneChanges changes,
      PoolMoves moves,
      PoolCatalog pools,
      PoolScheduler scheduler,
      ApexRecordsets managed) {
    this.zones = zones;
    this.changes = changes;
    this.moves = moves;
    this.pools = pools;
    this.scheduler = scheduler;
    this.managed = managed;
  }

  /**
   * @param requestedPool the pool to move to; null: the scheduler chooses, from the zone's
   *     attributes, as for a new zone
   */
  @Transactional
  public Zone move(Caller caller, UUID id, UUID requestedPool) {
    caller.requireAdmin("move a zone to another pool");
    Zone zone =
        zones
            .lockById(id)
            .filter(z -> caller.canSee(z.getProjectId()))
            .orElseThrow(() -> ZoneService.zoneNotFound(id));
    if (zone.isBeingDeleted()) {
      throw ApiException.badRequest("bad_request", "Can not move a deleting zone");
    }
    if (requestedPool != null && requestedPool.equals(zone.getPoolId())) {
      throw ApiException.badRequest(
          "bad_request", "Target pool must be different for zone pool move");
    }
    moves
        .find(zone.getId())
        .ifPresent(move -> {
          throw ApiException.badRequest(
              "bad_request",
              "Zone " + zone.getName() + " is already moving to pool " + move.toPool());
        });
    Pool target = requestedPool == null ? scheduled(caller, zone) : existing(requestedPool);
    UUID from = zone.getPoolId();
    List<String> oldPoolNs = pools.nameserverNames(from);
    List<String> newPoolNs = pools.nameserverNames(target.id());

    ApexRecordsets.Nameservers served = managed.nameservers(zone.getId(), zone.getName());
    List<String> records = followPool(served.records(), oldPoolNs, newPoolNs);
    long ttl = served.ttl() == null ? zone.getTtl() : served.ttl();
    RecordDelta ns =
        RecordDelta.between(
            JournalRecord.of(zone.getName(), "NS", ttl, served.records()),
            JournalRecord.of(zone.getName(), "NS", ttl, records));

    zone.moveTo(target.id());
    long serial = changes.changed(zone, ns, caller.context());
    managed.replaceNameservers(zone.getId(), zone.getName(), records, serial);
    moves.start(zone.getId(), from, target.id(), caller.requestId(), changes.now());
    log.info(
        "zone {} moving from pool {} to pool {} at serial {}",
        zone.getName(),
        from,
        target.id(),
        serial);
    return zone;
  }

  private Pool scheduled(Caller caller, Zone zone) {
    Pool pool = scheduler.schedule(caller, ZoneAttributes.of(zone.getAttributes()));
    if (pool.id().equals(zone.getPoolId())) {
      throw ApiException.badRequest("bad_request", "No valid pool selected");
    }
    return pool;
  }

  private Pool existing(UUID poolId) {
    return pools.all().stream()
        .filter(p -> p.id().equals(poolId))
        .findFirst()
        .orElseThrow(() -> ApiException.badRequest("bad_request", "Target pool does not exist"));
  }

  /**
   * As Designate's pool_move_zone: the old pool's NS records that the new pool does not have leave
   * the apex NS recordset, the new pool's join it; records an admin added stay.
   */
  static List<String> followPool(
      List<String> records, List<String> oldPoolNs, List<String> newPoolNs) {
    List<String> result = new ArrayList<>();
    for (String record : records) {
      if (!oldPoolNs.contains(record) || newPoolNs.contains(record)) {
        result.add(record);
      }
    }
    for (String nameserver : newPoolNs) {
      if (!result.contains(nameserver)) {
        result.add(nameserver);
      }
    }
    return result;
  }
}
