package io.zonecast.central.httperrors;

import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.ErrorBody;
import io.zonecast.central.system.RequestIds;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error dispatch ({@code /error}: a {@code sendError} from the container or
 * a filter, an exception no handler took), in the API's error body instead of Spring Boot's default
 * JSON. Replaces Spring Boot's {@code BasicErrorController}.
 */
@RestController
class ErrorDispatchController implements ErrorController {

  @RequestMapping(path = "/error", produces = MediaType.ALL_VALUE)
  ResponseEntity<Map<String, Object>> error(
      HttpServletRequest request, HttpServletResponse response) {
    Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status;
    String type;
    String message;
    if (exception instanceof ApiException api) {
      status = api.status();
      type = api.type();
      message = api.getMessage();
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
    if (response.getHeader(RequestIds.HEADER) == null) {
      response.setHeader(RequestIds.HEADER, RequestIds.current(request));
    }
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(ErrorBody.of(status, type, message, request));
  }
}
