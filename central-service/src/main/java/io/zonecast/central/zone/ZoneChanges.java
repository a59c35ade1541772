package io.zonecast.central.zone;

import io.zonecast.central.pool.PoolCatalog;
import io.zonecast.central.propagation.Outbox;
import io.zonecast.central.system.CentralProperties;
import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.poolmanager.ZoneChanged;
import io.zonecast.model.serial.SerialNumber;
import io.zonecast.model.zone.ZoneAction;
import java.time.Clock;
import java.time.LocalDateTime;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What every change to a zone does, inside the change's transaction: a new serial (RFC 1982, never
 * backwards), the SOA record rewritten with it, the zone PENDING with its action, and the event for
 * the pool manager in the outbox.
 */
@Component
public class ZoneChanges {

  private final ZoneRepository zones;
  private final Outbox outbox;
  private final PoolCatalog pools;
  private final CentralProperties properties;
  private final Clock clock;

  ZoneChanges(
      ZoneRepository zones,
      Outbox outbox,
      PoolCatalog pools,
      CentralProperties properties,
      Clock clock) {
    this.zones = zones;
    this.outbox = outbox;
    this.pools = pools;
    this.properties = properties;
    this.clock = clock;
  }

  /** The zone changed (a recordset was added, changed or removed). Call with the zone locked. */
  @Transactional(propagation = Propagation.MANDATORY)
  public long changed(Zone zone, RequestContext context) {
    long serial = SerialNumber.of(zone.getSerial()).next(clock.instant().getEpochSecond()).value();
    zone.markPending(ZoneAction.UPDATE, serial, now());
    zones.rewriteSoa(zone.getId(), soaData(zone));
    publish(zone, zone.getAction(), context);
    return serial;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  void created(Zone zone, RequestContext context) {
    publish(zone, ZoneAction.CREATE, context);
  }

  @Transactional(propagation = Propagation.MANDATORY)
  void deleting(Zone zone, RequestContext context) {
    zone.markDeleting(now());
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

  LocalDateTime now() {
    return LocalDateTime.now(clock);
  }

  /** Hands the zone's current change to the pool manager again (recovery). */
  @Transactional(propagation = Propagation.MANDATORY)
  public void republish(Zone zone, RequestContext context) {
    publish(zone, zone.getAction(), context);
  }

  private void publish(Zone zone, ZoneAction action, RequestContext context) {
    zone.markPublished(now());
    outbox.append(
        ZoneChanged.TYPE,
        Messaging.ZONE_CHANGED.routingKey(),
        new ZoneChanged(context, zone.ref(), action, clock.instant()),
        context.requestId());
  }
}
