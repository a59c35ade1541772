package io.zonecast.central.system;

import io.zonecast.model.messaging.RequestContext;

/**
 * Who is calling: the project every zone they see belongs to, and the request's id. In noauth mode,
 * as in Designate's, the project comes from {@code X-Auth-Project-ID}, and a request without it
 * acts for the project {@code noauth-project}.
 */
public record Caller(String projectId, String requestId) {

  public RequestContext context() {
    return new RequestContext(requestId, projectId);
  }
}
