package io.zonecast.runtime.logging;

import io.zonecast.model.messaging.RequestContext;
import org.slf4j.MDC;

/** Puts a message's request id into the log context (MDC key {@code request_id}) while it runs. */
public final class LogContext {

  public static final String REQUEST_ID = "request_id";

  private LogContext() {}

  public static void run(RequestContext context, Runnable work) {
    MDC.put(REQUEST_ID, context == null ? null : context.requestId());
    try {
      work.run();
    } finally {
      MDC.remove(REQUEST_ID);
    }
  }
}
