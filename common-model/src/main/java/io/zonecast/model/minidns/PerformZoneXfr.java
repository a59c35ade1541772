package io.zonecast.model.minidns;

import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.zone.ZoneRef;

/**
 * Cast (central to MiniDNS): pull the SECONDARY zone {@code zone} from its masters now (it was
 * created, its masters changed, or {@code POST /v2/zones/{id}/tasks/xfr} asked for it). MiniDNS
 * reads the zone's masters from the database when it runs the pull. No reply: the outcome shows in
 * the zone's {@code status}, {@code serial}, {@code transferred_at} and {@code status_message}.
 *
 * <p>v2 carries the zone as every other zone message does (v1 named it by id only).
 */
public record PerformZoneXfr(RequestContext context, ZoneRef zone, String reason) {

  public static final String TYPE = "minidns.perform_zone_xfr.v2";
}
