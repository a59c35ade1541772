package io.zonecast.model.poolmanager;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.zone.ZoneRef;

/**
 * Cast (MiniDNS to pool manager): the answer to one {@code poll_for_serial_number}. {@code zone} is
 * the object of that poll, so {@code zone.serial} is the expected serial; {@code actual_serial} is
 * what the destination served, or null when it never answered with a SOA. {@code message}, for an
 * ERROR, says why when MiniDNS knows more than "not served" (e.g. its transfer of the zone failed
 * on a record that cannot be put on the wire); null otherwise, and from senders that predate it.
 */
public record UpdateStatus(
    RequestContext context,
    ZoneRef zone,
    String destination,
    PollStatus status,
    @JsonProperty("actual_serial") Long actualSerial,
    @JsonInclude(JsonInclude.Include.NON_NULL) String message) {

  public static final String TYPE = "pool_manager.update_status.v1";

  @JsonCreator
  public UpdateStatus {}

  public UpdateStatus(
      RequestContext context,
      ZoneRef zone,
      String destination,
      PollStatus status,
      Long actualSerial) {
    this(context, zone, destination, status, actualSerial, null);
  }
}
