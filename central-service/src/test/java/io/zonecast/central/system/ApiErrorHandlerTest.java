package io.zonecast.central.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

class ApiErrorHandlerTest {

  final ApiErrorHandler handler = new ApiErrorHandler();
  final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v2/zones");

  @Test
  void anUnreachableDatabaseIsA503WithRetryAfterAndDesignatesErrorBodyNotA500() {
    for (Exception down :
        new Exception[] {
          new CannotCreateTransactionException("Could not open JPA EntityManager"),
          new DataAccessResourceFailureException("connection refused"),
          // Hikari gave up waiting for a connection, as a JDBC call without Spring's translation
          // sees it
          new SQLTransientConnectionException("HikariPool-1 - Connection is not available"),
          new IllegalStateException("wrapped", new SQLException("An I/O error occurred", "08006")),
          new SQLException("terminating connection due to administrator command", "57P01"),
          // the rollback of a request whose connection was cut, on Hikari's closed proxy
          new IllegalStateException(
              "Unable to rollback against JDBC Connection",
              new SQLException("Connection is closed"))
        }) {
      var response = handler.unexpected(down, request);

      assertThat(response.getStatusCode().value()).as("%s", down).isEqualTo(503);
      assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("5");
      assertThat(response.getBody())
          .containsEntry("code", 503)
          .containsEntry("type", "service_unavailable")
          .containsKey("request_id");
      assertThat((String) response.getBody().get("message")).isEqualTo(DatabaseOutage.MESSAGE);
    }
  }

  @Test
  void aDatabaseErrorThatIsNotAnOutageStaysA500() {
    for (Exception bug :
        new Exception[] {
          new BadSqlGrammarException("list", "select", new SQLException("syntax", "42601")),
          new DataIntegrityViolationException("duplicate key"),
          new SQLException("division by zero", "22012"),
          new IllegalStateException("a bug")
        }) {
      var response = handler.unexpected(bug, request);

      assertThat(response.getStatusCode().value()).as("%s", bug).isEqualTo(500);
      assertThat(response.getHeaders().getFirst("Retry-After")).isNull();
      assertThat(response.getBody()).containsEntry("type", "internal_server_error");
    }
  }

  @Test
  void aQueryParameterOfTheWrongTypeIsInvalidAndAPathOneIsNotFound() throws Exception {
    Method method =
        getClass().getDeclaredMethod("endpoint", UUID.class, Integer.class, String.class);
    request.setRequestURI("/v2/things/x");

    var badPath =
        handler.refused(
            new MethodArgumentTypeMismatchException(
                "x", UUID.class, "id", new MethodParameter(method, 0), null),
            request);
    var badQuery =
        handler.refused(
            new MethodArgumentTypeMismatchException(
                "many", Integer.class, "limit", new MethodParameter(method, 1), null),
            request);

    assertThat(badPath.getStatusCode().value()).isEqualTo(404);
    assertThat(badPath.getBody())
        .containsEntry("type", "not_found")
        .containsEntry("message", "No resource at /v2/things/x");
    assertThat(badQuery.getStatusCode().value()).isEqualTo(400);
    assertThat(badQuery.getBody())
        .containsEntry("code", 400)
        .containsEntry("type", "invalid_object")
        .containsEntry("message", "'many' is not a valid limit");
  }

  @Test
  void aMissingHeaderIsABadRequestNamingIt() throws Exception {
    Method method =
        getClass().getDeclaredMethod("endpoint", UUID.class, Integer.class, String.class);

    var response =
        handler.refused(
            new MissingRequestHeaderException("X-Need", new MethodParameter(method, 2)), request);

    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(response.getBody())
        .containsEntry("type", "bad_request")
        .containsEntry("message", "Header X-Need is required");
  }

  @SuppressWarnings("unused")
  private void endpoint(
      @PathVariable UUID id, @RequestParam Integer limit, @RequestHeader("X-Need") String need) {}
}
