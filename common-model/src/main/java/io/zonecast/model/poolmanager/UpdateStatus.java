package io.zonecast.model.poolmanager;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.zone.ZoneRef;

/**
 * Cast (MiniDNS to pool manager): the answer to one {@code poll_for_serial_number}. {@code zone} is
 * the object of that poll, so {@code zone.serial} is the expected serial; {@code actual_serial} is
 * what the destination served, or null when it never answered with a SOA.
 */
public record UpdateStatus(
    RequestContext context,
    ZoneRef zone,
    String destination,
    PollStatus status,
    @JsonProperty("actual_serial") Long actualSerial) {

  public static final String TYPE = "pool_manager.update_status.v1";
}
