package io.zonecast.central.input;

import io.zonecast.central.system.ErrorBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses, before anything reads the request, what the API would otherwise take in a way the caller
 * did not mean: a method the API has none of (405, TRACE included), a header that decides who the
 * caller is given twice (which one counts would be a guess), a query string that is not
 * percent-encoded UTF-8 or holds NUL, and form or multipart bodies (which the servlet container
 * would parse into parameters; the API takes JSON and zone files only).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class StrictRequests extends OncePerRequestFilter {

  static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  static final String ALLOW = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

  /** Headers that must appear at most once: identity, scope, and how the body is read. */
  static final List<String> SINGLE_HEADERS =
      List.of(
          "X-Auth-Project-ID",
          "X-Roles",
          "X-Auth-Sudo-Project-ID",
          "X-Auth-Sudo-Tenant-ID",
          "X-Auth-All-Projects",
          "X-Auth-Token",
          "Authorization",
          "X-Designate-Edit-Managed-Records",
          "Content-Type");

  private final JsonMapper json;

  StrictRequests(JsonMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!METHODS.contains(request.getMethod())) {
      response.setHeader("Allow", ALLOW);
      refuse(
          request,
          response,
          HttpStatus.METHOD_NOT_ALLOWED,
          "method_not_allowed",
          "Method " + printable(request.getMethod()) + " is not allowed; use one of " + ALLOW);
      return;
    }
    for (String header : SINGLE_HEADERS) {
      if (Collections.list(request.getHeaders(header)).size() > 1) {
        refuse(
            request,
            response,
            HttpStatus.BAD_REQUEST,
            "bad_request",
            "Header " + header + " is given more than once");
        return;
      }
    }
    String queryProblem = queryProblem(request.getQueryString());
    if (queryProblem != null) {
      refuse(request, response, HttpStatus.BAD_REQUEST, "bad_request", queryProblem);
      return;
    }
    String type = request.getContentType();
    if (type != null) {
      String lower = type.toLowerCase(Locale.ROOT).strip();
      if (lower.startsWith("application/x-www-form-urlencoded") || lower.startsWith("multipart/")) {
        refuse(
            request,
            response,
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "unsupported_content_type",
            "Content-Type " + printable(type) + " is not supported; send application/json");
        return;
      }
    }
    chain.doFilter(request, response);
  }

  /**
   * Why the raw query string cannot be read exactly (RFC 3986 section 2.1 percent-encoding of
   * UTF-8), or null.
   */
  static String queryProblem(String query) {
    if (query == null || query.isEmpty()) {
      return null;
    }
    for (String pair : query.split("&", -1)) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      String problem = decodeProblem(name);
      if (problem == null) {
        problem = decodeProblem(value);
      }
      if (problem != null) {
        return "Query parameter " + printable(name) + " " + problem;
      }
    }
    return null;
  }

  private static String decodeProblem(String encoded) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%') {
        if (i + 2 >= encoded.length()
            || Character.digit(encoded.charAt(i + 1), 16) < 0
            || Character.digit(encoded.charAt(i + 2), 16) < 0) {
          return "has a '%' that is not followed by two hexadecimal digits";
        }
        bytes.write(
            Character.digit(encoded.charAt(i + 1), 16) * 16
                + Character.digit(encoded.charAt(i + 2), 16));
        i += 2;
      } else if (c > 0x7e || c < 0x20) {
        return "has a character that is not percent-encoded";
      } else {
        bytes.write(c == '+' ? ' ' : c);
      }
    }
    String text = StrictText.decode(bytes.toByteArray(), bytes.size());
    if (text == null) {
      return "is not percent-encoded UTF-8";
    }
    return text.chars().anyMatch(Character::isISOControl)
        ? "contains a control character (NUL included)"
        : null;
  }

  /** A caller's text in a message: control characters and anything long are not echoed. */
  static String printable(String text) {
    String cut = text.length() > 64 ? text.substring(0, 64) + "..." : text;
    StringBuilder out = new StringBuilder();
    cut.codePoints()
        .forEach(c -> {
          if (Character.isISOControl(c) || Character.isSurrogate((char) c)) {
            out.append(String.format("\\u%04x", c));
          } else {
            out.appendCodePoint(c);
          }
        });
    return out.toString();
  }

  private void refuse(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      String type,
      String message)
      throws IOException {
    ErrorBody.write(request, response, json, status, type, message);
  }
}
