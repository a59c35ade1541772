package io.zonecast.central.security;

import io.zonecast.central.system.ErrorBody;
import org.springframework.http.HttpStatus;
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
      ErrorBody.write(request, response, json, HttpStatus.UNAUTHORIZED, "unauthorized", message);
    };
  }

  AccessDeniedHandler forbidden() {
    return (request, response, e) ->
        ErrorBody.write(request, response, json, HttpStatus.FORBIDDEN, "forbidden", e.getMessage());
  }
}
