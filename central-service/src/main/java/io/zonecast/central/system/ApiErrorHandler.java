package io.zonecast.central.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns every failure into Designate's JSON error body; never an HTML page or a bare 500. */
@RestControllerAdvice
class ApiErrorHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Map<String, Object>> api(ApiException e, HttpServletRequest request) {
    return body(e.status(), e.type(), e.getMessage(), request);
  }

  /** Requests Spring MVC refuses before a controller runs, in Designate's words. */
  @ExceptionHandler({
    HttpMessageNotReadableException.class,
    HttpMediaTypeNotSupportedException.class,
    HttpMediaTypeNotAcceptableException.class,
    HttpRequestMethodNotSupportedException.class,
    MethodArgumentTypeMismatchException.class,
    MissingRequestHeaderException.class,
    NoResourceFoundException.class
  })
  ResponseEntity<Map<String, Object>> refused(Exception e, HttpServletRequest request) {
    return api(refusal(e, request), request);
  }

  private static ApiException refusal(Exception e, HttpServletRequest request) {
    return switch (e) {
      case HttpMessageNotReadableException unreadable -> unreadable(unreadable);
      case HttpMediaTypeNotSupportedException unsupported ->
          new ApiException(
              HttpStatus.UNSUPPORTED_MEDIA_TYPE,
              "unsupported_content_type",
              "Content-Type "
                  + unsupported.getContentType()
                  + " is not supported; send application/json");
      case HttpMediaTypeNotAcceptableException _ ->
          new ApiException(
              HttpStatus.NOT_ACCEPTABLE,
              "unsupported_accept",
              "This resource is only available as application/json");
      case HttpRequestMethodNotSupportedException method ->
          new ApiException(
              HttpStatus.METHOD_NOT_ALLOWED,
              "method_not_allowed",
              method.getMethod() + " is not allowed on " + request.getRequestURI());
      case MethodArgumentTypeMismatchException mismatch
          when mismatch.getParameter().hasParameterAnnotation(PathVariable.class) ->
          noResource(request);
      case MethodArgumentTypeMismatchException mismatch ->
          ApiException.invalidObject(
              "'" + mismatch.getValue() + "' is not a valid " + mismatch.getName());
      case MissingRequestHeaderException missing ->
          ApiException.badRequest(
              "bad_request", "Header " + missing.getHeaderName() + " is required");
      case NoResourceFoundException _ -> noResource(request);
      default -> throw new IllegalArgumentException("not a refusal: " + e, e);
    };
  }

  /**
   * A body the JSON parser stopped on: a refusal raised while it read (the body too large) stands;
   * a key given twice is named.
   */
  private static ApiException unreadable(HttpMessageNotReadableException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ApiException api) {
        return api;
      }
      if (cause instanceof tools.jackson.core.exc.StreamReadException read
          && read.getOriginalMessage() != null
          && read.getOriginalMessage().startsWith("Duplicate Object property")) {
        return ApiException.badRequest(
            "invalid_json",
            "The request body is not valid JSON: "
                + read.getOriginalMessage()
                + " (each key may be given once)");
      }
    }
    return ApiException.badRequest("invalid_json", "The request body is not valid JSON");
  }

  private static ApiException noResource(HttpServletRequest request) {
    return ApiException.notFound("not_found", "No resource at " + request.getRequestURI());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) {
    if (DatabaseOutage.isOutage(e)) {
      log.warn(
          "database unavailable on {} {}: {}",
          request.getMethod(),
          request.getRequestURI(),
          e.toString());
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutage.RETRY_AFTER.toSeconds()))
          .contentType(MediaType.APPLICATION_JSON)
          .body(
              ErrorBody.of(
                  HttpStatus.SERVICE_UNAVAILABLE,
                  DatabaseOutage.TYPE,
                  DatabaseOutage.MESSAGE,
                  request));
    }
    log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
    return body(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "internal_server_error",
        "An unexpected error occurred; the request id finds it in the logs",
        request);
  }

  private static ResponseEntity<Map<String, Object>> body(
      HttpStatus status, String type, String message, HttpServletRequest request) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(ErrorBody.of(status, type, message, request));
  }
}
