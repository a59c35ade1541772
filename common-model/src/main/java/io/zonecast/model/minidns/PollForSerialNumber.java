package io.zonecast.model.minidns;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.zonecast.model.messaging.Destination;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.messaging.RetryPolicy;
import io.zonecast.model.zone.ZoneRef;

/**
 * Cast (pool manager to MiniDNS): ask {@code destination} for the SOA of {@code zone} until it
 * serves {@code zone.serial} or newer, then answer with {@code update_status}. The outcome follows
 * the spec's "Return Values" table.
 */
public record PollForSerialNumber(
    RequestContext context,
    ZoneRef zone,
    String destination,
    double timeout,
    @JsonProperty("retry_interval") double retryInterval,
    @JsonProperty("max_retries") int maxRetries) {

  public static final String TYPE = "minidns.poll_for_serial_number.v1";

  @JsonIgnore
  public RetryPolicy retryPolicy() {
    return new RetryPolicy(timeout, retryInterval, maxRetries);
  }

  @JsonIgnore
  public Destination parsedDestination() {
    return Destination.parse(destination);
  }
}
