package io.zonecast.model.central;

import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.zone.ZoneRef;

/**
 * Cast (MiniDNS to central): one of the masters of the SECONDARY zone {@code zone} sent MiniDNS a
 * NOTIFY (RFC 1996), from {@code master} (its address); central pulls the zone from its masters,
 * asking them for the SOA first (section 3.11). MiniDNS answered the NOTIFY already and checked
 * that it came from a master. No reply: the outcome shows in the zone's {@code serial}, {@code
 * transferred_at} and {@code status_message}.
 */
public record SecondaryZoneNotified(RequestContext context, ZoneRef zone, String master) {

  public static final String TYPE = "central.secondary_zone_notified.v1";
}
