package io.zonecast.central.system;

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
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request bodies above the configured size with 413 before anything reads them; zone files
 * ({@code text/dns}) have the import's own limit ({@code zonecast.central.zone-files}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class BodySizeLimit extends OncePerRequestFilter {

  private final long maxBytes;
  private final JsonMapper json;

  BodySizeLimit(CentralProperties properties, JsonMapper json) {
    this.maxBytes = properties.maxRequestBytes();
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // zone files (text/dns) can be far larger; the import reads them up to its own limit
    boolean zoneFile =
        request.getContentType() != null && request.getContentType().startsWith("text/dns");
    if (request.getContentLengthLong() > maxBytes && !zoneFile) {
      ErrorBody.write(
          request,
          response,
          json,
          HttpStatus.CONTENT_TOO_LARGE,
          "request_body_too_large",
          "The request body is larger than " + maxBytes + " bytes");
      return;
    }
    chain.doFilter(request, response);
  }
}
