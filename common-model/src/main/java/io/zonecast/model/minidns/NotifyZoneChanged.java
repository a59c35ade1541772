package io.zonecast.model.minidns;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.zonecast.model.messaging.Destination;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.messaging.RetryPolicy;
import io.zonecast.model.zone.ZoneRef;

/**
 * Cast (pool manager to MiniDNS): send a NOTIFY for {@code zone} to {@code destination}, wait
 * {@code timeout} seconds for the answer, resend {@code retry_interval} seconds later, give up
 * after {@code max_retries} resends. No reply.
 */
public record NotifyZoneChanged(
    RequestContext context,
    ZoneRef zone,
    String destination,
    double timeout,
    @JsonProperty("retry_interval") double retryInterval,
    @JsonProperty("max_retries") int maxRetries) {

  public static final String TYPE = "minidns.notify_zone_changed.v1";

  @JsonIgnore
  public RetryPolicy retryPolicy() {
    return new RetryPolicy(timeout, retryInterval, maxRetries);
  }

  @JsonIgnore
  public Destination parsedDestination() {
    return Destination.parse(destination);
  }
}
