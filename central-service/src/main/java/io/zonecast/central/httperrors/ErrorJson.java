package io.zonecast.central.httperrors;

import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * The API's error body for an error the HTTP stack raised (Tomcat, the servlet container's error
 * dispatch, the request firewall), where no controller chose a type: the type is the status's name
 * in snake case ({@code bad_request}, {@code not_found}, {@code method_not_allowed}...), the
 * message Tomcat's reason when it gave one.
 */
final class ErrorJson {

  /** The methods the API has, for the {@code Allow} of a 405 to a method it has none of. */
  static final String ALLOW = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

  private ErrorJson() {}

  static String type(int status) {
    HttpStatus known = HttpStatus.resolve(status);
    if (status == HttpStatus.CONTENT_TOO_LARGE.value()) {
      return "request_body_too_large";
    }
    return known == null ? "error" : known.name().toLowerCase(Locale.ROOT);
  }

  static String message(int status, String reason) {
    if (reason != null && !reason.isBlank()) {
      return reason;
    }
    HttpStatus known = HttpStatus.resolve(status);
    return known == null ? "HTTP error " + status : known.getReasonPhrase();
  }

  /** Written by hand: the valve runs outside the application context and its JSON mapper. */
  static String render(int status, String reason, String requestId) {
    return "{\"code\": "
        + status
        + ", \"type\": "
        + quote(type(status))
        + ", \"message\": "
        + quote(message(status, reason))
        + ", \"request_id\": "
        + quote(requestId)
        + "}";
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
