package io.zonecast.model.minidns;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.zonecast.model.messaging.RequestContext;
import java.util.UUID;

/**
 * Cast (central to MiniDNS): pull the SECONDARY zone {@code zoneId} from its masters now (it was
 * created, its masters changed, or {@code POST /v2/zones/{id}/tasks/xfr} asked for it). MiniDNS
 * reads the zone's masters from the database when it runs the pull. No reply: the outcome shows in
 * the zone's {@code status}, {@code serial}, {@code transferred_at} and {@code status_message}.
 */
public record PerformZoneXfr(
    RequestContext context, @JsonProperty("zone_id") UUID zoneId, String reason) {

  public static final String TYPE = "minidns.perform_zone_xfr.v1";
}
