package io.zonecast.central.httperrors;

import io.zonecast.central.system.ErrorBody;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Security's firewall refuses paths that are not normalised ({@code /v2/zones/../..}, {@code
 * //v2//zones}, {@code ;jsessionid=}, encoded {@code /} or {@code %}...): a 400 with the API's
 * error body, not the servlet container's error page.
 */
@Configuration
class FirewallRejections {

  @Bean
  RequestRejectedHandler apiRequestRejectedHandler(JsonMapper json) {
    return (request, response, rejected) ->
        ErrorBody.write(
            request,
            response,
            json,
            HttpStatus.BAD_REQUEST,
            "bad_request",
            "The request path is not in normal form (no '..', '//', ';' parameters or encoded"
                + " '/', '%' or control characters)");
  }
}
