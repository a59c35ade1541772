package io.zonecast.central.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.CannotCreateTransactionException;

class ApiErrorHandlerTest {

  final ApiErrorHandler handler = new ApiErrorHandler();
  final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v2/zones");

  @Test
  void anUnreachableDatabaseIsA503WithDesignatesErrorBodyNotA500() {
    for (Exception down :
        new Exception[] {
          new CannotCreateTransactionException("Could not open JPA EntityManager"),
          new DataAccessResourceFailureException("connection refused")
        }) {
      var response = handler.databaseUnavailable(down, request);

      assertThat(response.getStatusCode().value()).isEqualTo(503);
      assertThat(response.getBody())
          .containsEntry("code", 503)
          .containsEntry("type", "service_unavailable")
          .containsKey("request_id");
      assertThat((String) response.getBody().get("message")).contains("nothing was changed");
    }
  }
}
