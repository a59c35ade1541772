package io.zonecast.central.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
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

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpServletRequest request) {
    return body(
        HttpStatus.BAD_REQUEST, "invalid_json", "The request body is not valid JSON", request);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> mediaType(
      HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
    return body(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "unsupported_content_type",
        "Content-Type " + e.getContentType() + " is not supported; send application/json",
        request);
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<Map<String, Object>> notAcceptable(HttpServletRequest request) {
    return body(
        HttpStatus.NOT_ACCEPTABLE,
        "unsupported_accept",
        "This resource is only available as application/json",
        request);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, Object>> method(
      HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
    return body(
        HttpStatus.METHOD_NOT_ALLOWED,
        "method_not_allowed",
        e.getMethod() + " is not allowed on " + request.getRequestURI(),
        request);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> badParameter(
      MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    if (e.getParameter()
        .hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class)) {
      return body(
          HttpStatus.NOT_FOUND, "not_found", "No resource at " + request.getRequestURI(), request);
    }
    return body(
        HttpStatus.BAD_REQUEST,
        "invalid_object",
        "'" + e.getValue() + "' is not a valid " + e.getName(),
        request);
  }

  @ExceptionHandler(MissingRequestHeaderException.class)
  ResponseEntity<Map<String, Object>> missingHeader(
      MissingRequestHeaderException e, HttpServletRequest request) {
    return body(
        HttpStatus.BAD_REQUEST,
        "bad_request",
        "Header " + e.getHeaderName() + " is required",
        request);
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<Map<String, Object>> noResource(HttpServletRequest request) {
    return body(
        HttpStatus.NOT_FOUND, "not_found", "No resource at " + request.getRequestURI(), request);
  }

  /** The database cannot be reached: nothing was changed, and trying again later may work. */
  @ExceptionHandler({
    CannotCreateTransactionException.class,
    DataAccessResourceFailureException.class,
    TransientDataAccessResourceException.class
  })
  ResponseEntity<Map<String, Object>> databaseUnavailable(Exception e, HttpServletRequest request) {
    log.warn(
        "database unavailable on {} {}: {}",
        request.getMethod(),
        request.getRequestURI(),
        e.toString());
    return body(
        HttpStatus.SERVICE_UNAVAILABLE,
        "service_unavailable",
        "The zone database cannot be reached; nothing was changed, try again later",
        request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) {
    log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
    return body(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "internal_server_error",
        "An unexpected error occurred; the request id finds it in the logs",
        request);
  }

  static ResponseEntity<Map<String, Object>> body(
      HttpStatus status, String type, String message, HttpServletRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", status.value());
    body.put("type", type);
    body.put("message", message);
    body.put("request_id", RequestIds.current(request));
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
