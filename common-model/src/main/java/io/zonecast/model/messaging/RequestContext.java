package io.zonecast.model.messaging;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The spec's "context": who asked for the change and the request id that lets one change be
 * followed through every service's log.
 */
public record RequestContext(
    @JsonProperty("request_id") String requestId, @JsonProperty("project_id") String projectId) {

  public RequestContext {
    Objects.requireNonNull(requestId, "request id");
  }

  public static RequestContext system(String requestId) {
    return new RequestContext(requestId, null);
  }
}
