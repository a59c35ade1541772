package io.zonecast.central.system;

import org.springframework.http.HttpStatus;

/**
 * An error the API reports to the caller with Designate's error body: {@code code} (the HTTP
 * status), {@code type} (snake_case, as Designate's exceptions name them) and {@code message}.
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String type;

  public ApiException(HttpStatus status, String type, String message) {
    super(message);
    this.status = status;
    this.type = type;
  }

  public static ApiException badRequest(String type, String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, type, message);
  }

  public static ApiException invalidObject(String message) {
    return badRequest("invalid_object", message);
  }

  public static ApiException notFound(String type, String message) {
    return new ApiException(HttpStatus.NOT_FOUND, type, message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(HttpStatus.FORBIDDEN, "forbidden", message);
  }

  /** 403 with Designate's own type, e.g. illegal_child. */
  public static ApiException forbiddenAs(String type, String message) {
    return new ApiException(HttpStatus.FORBIDDEN, type, message);
  }

  public static ApiException overQuota(String message) {
    return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "over_quota", message);
  }

  public static ApiException conflict(String type, String message) {
    return new ApiException(HttpStatus.CONFLICT, type, message);
  }

  public HttpStatus status() {
    return status;
  }

  public String type() {
    return type;
  }
}
