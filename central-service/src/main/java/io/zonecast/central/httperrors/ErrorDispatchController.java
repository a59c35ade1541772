package io.zonecast.central.httperrors;

import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.DatabaseOutage;
import io.zonecast.central.system.ErrorBody;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The servlet container's error dispatch ({@code /error}: a {@code sendError} from the container or
 * a filter, an exception no handler took), in the API's error body instead of Spring Boot's default
 * JSON. Replaces Spring Boot's {@code BasicErrorController}.
 */
@RestController
class ErrorDispatchController implements ErrorController {

  private final JsonMapper json;

  ErrorDispatchController(JsonMapper json) {
    this.json = json;
  }

  /**
   * Written straight to the response: no content negotiation, which would refuse an error body to a
   * request whose {@code Accept} is what went wrong.
   */
  @RequestMapping("/error")
  void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status;
    String type;
    String message;
    if (exception instanceof ApiException api) {
      status = api.status();
      type = api.type();
      message = api.getMessage();
    } else if (exception instanceof Throwable failure && DatabaseOutage.isOutage(failure)) {
      // a filter's database access failed in an outage: as a controller's (ApiErrorHandler)
      status = HttpStatus.SERVICE_UNAVAILABLE;
      type = DatabaseOutage.TYPE;
      message = DatabaseOutage.MESSAGE;
      response.setHeader(
          HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutage.RETRY_AFTER.toSeconds()));
    } else if (code instanceof Integer value && value == 501) {
      // a method Tomcat does not implement (CONNECT): to the API every unknown method is a 405
      status = HttpStatus.METHOD_NOT_ALLOWED;
      type = "method_not_allowed";
      message = "Method " + request.getMethod() + " is not allowed";
      response.setHeader("Allow", ErrorJson.ALLOW);
    } else if (code instanceof Integer value && HttpStatus.resolve(value) != null) {
      status = HttpStatus.valueOf(value);
      type = ErrorJson.type(value);
      message =
          status.is5xxServerError()
              ? "An unexpected error occurred; the request id finds it in the logs"
              : ErrorJson.message(
                  value, (String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE));
    } else {
      status = HttpStatus.NOT_FOUND;
      type = "not_found";
      message = "No resource at " + request.getRequestURI();
    }
    response.resetBuffer();
    ErrorBody.write(request, response, this.json, status, type, message);
  }
}
