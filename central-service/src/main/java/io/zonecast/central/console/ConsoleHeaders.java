package io.zonecast.central.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The console's response headers. The Content-Security-Policy allows only the console's own files
 * and calls to its own origin: no inline script or style, no other origin, no framing, so a record
 * value shown on a page can never run as code. The API's responses are left as they are.
 */
@Component
class ConsoleHeaders extends OncePerRequestFilter {

  static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !(path.equals(ConsoleConfig.PATH) || path.startsWith(ConsoleConfig.PATH + "/"));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("Content-Security-Policy", POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Frame-Options", "DENY");
    // a new zonecast version's console is picked up at once; the files are small
    response.setHeader("Cache-Control", "no-cache");
    chain.doFilter(request, response);
  }
}
