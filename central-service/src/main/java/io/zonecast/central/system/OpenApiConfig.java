package io.zonecast.central.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI 3 description generated from the controllers, at /v3/api-docs and /swagger-ui. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

  static {
    // the caller comes from headers (X-Auth-Project-ID), not from a request parameter
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
  }

  @Bean
  OpenAPI zonecastOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("zonecast DNS API")
                .version("v2")
                .description(
                    "Zones and recordsets, compatible with OpenStack Designate's v2 API. Every request"
                        + " acts for the project in X-Auth-Project-ID."));
  }
}
