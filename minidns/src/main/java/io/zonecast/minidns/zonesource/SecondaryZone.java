package io.zonecast.minidns.zonesource;

import io.zonecast.model.zone.ZoneRef;
import java.util.List;
import java.util.UUID;

/** A SECONDARY zone as a NOTIFY for it needs it: the zone and its masters ({@code host:port}). */
public record SecondaryZone(UUID id, String name, UUID poolId, long serial, List<String> masters) {

  public ZoneRef ref() {
    return new ZoneRef(id, name, poolId, serial);
  }
}
