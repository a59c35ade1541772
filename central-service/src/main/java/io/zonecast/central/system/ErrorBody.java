package io.zonecast.central.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Designate's error body: {@code code} (the HTTP status), {@code type}, {@code message}, and the
 * {@code request_id} the logs know the request by.
 */
public final class ErrorBody {

  private ErrorBody() {}

  public static Map<String, Object> of(
      HttpStatus status, String type, String message, HttpServletRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", status.value());
    body.put("type", type);
    body.put("message", message);
    body.put("request_id", RequestIds.current(request));
    return body;
  }

  /** Answers with the error body, for the filters that answer before Spring MVC does. */
  public static void write(
      HttpServletRequest request,
      HttpServletResponse response,
      JsonMapper json,
      HttpStatus status,
      String type,
      String message)
      throws IOException {
    Map<String, Object> body = of(status, type, message, request);
    response.setStatus(status.value());
    response.setHeader(RequestIds.HEADER, RequestIds.current(request));
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    json.writeValue(response.getOutputStream(), body);
  }
}
