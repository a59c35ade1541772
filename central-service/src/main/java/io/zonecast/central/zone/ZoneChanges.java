package io.zonecast.central.zone;

import io.zonecast.central.journal.RecordDelta;
import io.zonecast.central.journal.ZoneJournal;
import io.zonecast.central.outbox.Outbox;
import io.zonecast.central.pool.PoolCatalog;
import io.zonecast.central.system.CentralProperties;
import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.poolmanager.ZoneChanged;
import io.zonecast.model.serial.SerialNumber;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What every change to a zone does, inside the change's transaction: a new serial (RFC 1982, never
 * backwards), the SOA record rewritten with it, the zone PENDING with its action, and the event for
 * the pool manager in the outbox, and the step of the change journal (what the zone serves
 * differently, for IXFR).
 */
@Component
public class ZoneChanges {

  private final ZoneRepository zones;
  private final Outbox outbox;
  private final PoolCatalog pools;
  private final CentralProperties properties;
  private final ZoneJournal journal;
  private final Clock clock;
  private final PoolMoves moves;
  private final List<ZoneChangeHook> hooks;
  private final ZoneRowLock rows;

  ZoneChanges(
      ZoneRowLock rows,
      ZoneRepository zones,
      Outbox outbox,
      PoolCatalog pools,
      CentralProperties properties,
      ZoneJournal journal,
      Clock clock,
      PoolMoves moves,
      List<ZoneChangeHook> hooks) {
    this.rows = rows;
    this.hooks = hooks;
    this.zones = zones;
    this.outbox = outbox;
    this.pools = pools;
    this.properties = properties;
    this.journal = journal;
    this.clock = clock;
    this.moves = moves;
  }

  /**
   * A recordset was added, changed or removed; {@code records} is exactly what the zone now serves
   * differently, for the journal. Call with the zone locked, before the recordsets are written.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public long changed(Zone zone, RecordDelta records, RequestContext context) {
    return bump(zone, zone.getTtl(), records, context);
  }

  /**
   * The new pool serves the zone: the pool manager removes it from the targets of the pool it left
   * (a DELETE naming that pool; the pool manager tells it from the zone's own DELETE by the pool).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  void leave(Zone zone, UUID fromPool, RequestContext context) {
    zone.markPublished(now());
    ZoneRef left = new ZoneRef(zone.getId(), zone.getName(), fromPool, zone.getSerial());
    outbox.append(
        ZoneChanged.TYPE,
        Messaging.ZONE_CHANGED.routingKey(),
        new ZoneChanged(context, left, ZoneAction.DELETE, clock.instant()),
        context.requestId(),
        zone.getId());
  }

  /** The zone's email or TTL was amended; it served {@code servedTtl} until now. */
  @Transactional(propagation = Propagation.MANDATORY)
  long amended(Zone zone, int servedTtl, RequestContext context) {
    RecordDelta records =
        servedTtl == zone.getTtl()
            ? RecordDelta.NONE
            : journal.zoneTtlChanged(zone.getId(), servedTtl, zone.getTtl());
    return bump(zone, servedTtl, records, context);
  }

  private long bump(Zone zone, int servedTtl, RecordDelta records, RequestContext context) {
    long served = zone.getSerial();
    long serial = SerialNumber.of(served).next(clock.instant().getEpochSecond()).value();
    zone.markPending(ZoneAction.UPDATE, serial, now());
    // marked published before the SOA's rewrite flushes the zone (or the row is written with it):
    // its row is written once
    zone.markPublished(now());
    String newSoa = soaData(zone);
    ZoneJournal.SoaChange soaChange =
        journal.soaChange(
            zone.getId(), zone.getName(), served, servedTtl, serial, zone.getTtl(), newSoa);
    if (zone.isPlainRow()) {
      rows.writeChange(zone, newSoa);
    } else {
      zones.rewriteSoa(zone.getId(), newSoa);
    }
    RecordDelta soa = new RecordDelta(List.of(soaChange.before()), List.of(soaChange.after()));
    journal.append(zone.getId(), served, serial, soa.then(records), now());
    hooks.forEach(hook -> hook.changed(zone.getId(), serial, records));
    append(zone, zone.getAction(), context);
    return serial;
  }

  /**
   * A new zone's CREATE for the pool manager; the zone was marked published when it was built
   * ({@link Zone#markPublished}), before its insert, so its row is not written a second time.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  void created(Zone zone, RequestContext context) {
    append(zone, ZoneAction.CREATE, context);
  }

  @Transactional(propagation = Propagation.MANDATORY)
  void deleting(Zone zone, RequestContext context) {
    zone.markDeleting(now());
    // deleted while moving between pools: the pool it was leaving drops it as well
    moves.find(zone.getId()).ifPresent(move -> leave(zone, move.fromPool(), context));
    publish(zone, ZoneAction.DELETE, context);
  }

  String soaData(Zone zone) {
    return SoaData.of(
        pools.nameserverNames(zone.getPoolId()).getFirst(),
        zone.getEmail(),
        zone.getSerial(),
        properties.soa());
  }

  long firstSerial() {
    return SerialNumber.of(0).next(clock.instant().getEpochSecond()).value();
  }

  /** The first serial of a zone imported with {@code imported}: newer than it (RFC 1982). */
  long serialAfter(long imported) {
    return SerialNumber.of(imported).next(clock.instant().getEpochSecond()).value();
  }

  LocalDateTime now() {
    return LocalDateTime.now(clock);
  }

  /**
   * Hands the zone's current change to the pool manager again (recovery); for a zone leaving a pool
   * (a pool move the new pool already serves), its removal from the old pool.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void republish(Zone zone, RequestContext context) {
    PoolMoves.Move move = moves.find(zone.getId()).orElse(null);
    if (move != null && move.phase() == PoolMoves.Phase.LEAVING) {
      leave(zone, move.fromPool(), context);
    } else {
      publish(zone, zone.getAction(), context);
    }
  }

  private void publish(Zone zone, ZoneAction action, RequestContext context) {
    zone.markPublished(now());
    append(zone, action, context);
  }

  private void append(Zone zone, ZoneAction action, RequestContext context) {
    outbox.append(
        ZoneChanged.TYPE,
        Messaging.ZONE_CHANGED.routingKey(),
        new ZoneChanged(context, zone.ref(), action, clock.instant()),
        context.requestId(),
        zone.getId());
  }
}
