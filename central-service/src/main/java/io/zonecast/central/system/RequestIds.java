package io.zonecast.central.system;

import io.zonecast.runtime.logging.LogContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id ({@code req-<uuid>}, as Designate), returned in {@code
 * X-OpenStack-Request-ID}, logged with every line (MDC {@code request_id}) and carried in the
 * context of every message the request causes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIds extends OncePerRequestFilter {

  public static final String HEADER = "X-OpenStack-Request-ID";
  private static final String ATTRIBUTE = RequestIds.class.getName();

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String id = "req-" + UUID.randomUUID();
    request.setAttribute(ATTRIBUTE, id);
    response.setHeader(HEADER, id);
    MDC.put(LogContext.REQUEST_ID, id);
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(LogContext.REQUEST_ID);
    }
  }

  /**
   * The request's id; one is given (and kept) when the filter has not run, as for errors Tomcat
   * answers before the filters.
   */
  public static String current(HttpServletRequest request) {
    Object id = request.getAttribute(ATTRIBUTE);
    if (id == null) {
      id = "req-" + UUID.randomUUID();
      request.setAttribute(ATTRIBUTE, id);
    }
    return id.toString();
  }
}
