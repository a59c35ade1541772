package io.zonecast.central.security;

import io.zonecast.central.system.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The 401 and 403 of the security filters, in the API's error body ({@code code}, {@code type},
 * {@code message}, {@code request_id}) with the {@code WWW-Authenticate} header of RFC 6750.
 */
class ErrorResponses {

  private final JsonMapper json;
  private final BearerTokenAuthenticationEntryPoint bearer =
      new BearerTokenAuthenticationEntryPoint();

  ErrorResponses(JsonMapper json) {
    this.json = json;
  }

  AuthenticationEntryPoint unauthorized() {
    return (request, response, e) -> {
      bearer.commence(request, response, e);
      String message =
          request.getHeader("Authorization") == null
                  && request.getHeader(SecurityConfig.KEYSTONE_TOKEN_HEADER) == null
              ? "Authentication required: send Authorization: Bearer <token>"
              : "The token was refused: " + e.getMessage();
      write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized", message);
    };
  }

  AccessDeniedHandler forbidden() {
    return (request, response, e) ->
        write(request, response, HttpStatus.FORBIDDEN, "forbidden", e.getMessage());
  }

  private void write(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      String type,
      String message)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", status.value());
    body.put("type", type);
    body.put("message", message);
    body.put("request_id", RequestIds.current(request));
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    json.writeValue(response.getOutputStream(), body);
  }
}
