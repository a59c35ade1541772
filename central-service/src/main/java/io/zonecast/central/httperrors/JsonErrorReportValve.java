package io.zonecast.central.httperrors;

import io.zonecast.central.system.RequestIds;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error page, for the errors Tomcat answers itself before the application sees the request
 * (a URI or header it refuses, a header section too large, an unknown method...): the API's JSON
 * error body and {@code X-OpenStack-Request-ID} instead of Tomcat's HTML.
 */
public class JsonErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    String id = response.getHeader(RequestIds.HEADER);
    if (id == null) {
      id = RequestIds.current(request);
      response.setHeader(RequestIds.HEADER, id);
    }
    String reason = response.getMessage();
    if (status == 501) {
      // a method Tomcat does not implement (CONNECT): to the API every unknown method is a 405
      status = 405;
      reason = "Method " + request.getMethod() + " is not allowed";
      response.setStatus(405);
      response.setHeader("Allow", ErrorJson.ALLOW);
    }
    String body = ErrorJson.render(status, reason, id);
    try {
      response.setContentType("application/json");
      response.setCharacterEncoding("utf-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(body);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the connection is gone or the response was committed meanwhile: nothing left to tell
    }
  }
}
