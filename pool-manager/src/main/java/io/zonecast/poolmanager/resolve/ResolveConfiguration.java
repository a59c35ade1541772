package io.zonecast.poolmanager.resolve;

import io.zonecast.model.resolve.HostResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one resolver every use of a pools-file host goes through. */
@Configuration(proxyBeanMethods = false)
class ResolveConfiguration {

  @Bean
  HostResolver hostResolver(ResolveProperties properties) {
    return properties.resolver();
  }
}
