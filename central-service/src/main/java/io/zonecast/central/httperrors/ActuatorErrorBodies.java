package io.zonecast.central.httperrors;

import io.zonecast.central.system.ErrorBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Actuator answers some errors with a status and no body (an unknown health group or metric is a
 * bare 404); those get the API's error body too. Answers with a body (a health of DOWN, 503 with
 * its components) are left as they are: probes read them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class ActuatorErrorBodies extends OncePerRequestFilter {

  private final JsonMapper json;

  ActuatorErrorBodies(JsonMapper json) {
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/actuator");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, cached);
    int status = cached.getStatus();
    if (status >= 400 && cached.getContentSize() == 0 && HttpStatus.resolve(status) != null) {
      ErrorBody.write(
          request,
          cached,
          json,
          HttpStatus.valueOf(status),
          ErrorJson.type(status),
          status == 404
              ? "No resource at " + request.getRequestURI()
              : ErrorJson.message(status, null));
    }
    cached.copyBodyToResponse();
  }
}
