package io.zonecast.poolmanager.resolve;

import io.zonecast.runtime.resolve.HostResolver;
import io.zonecast.runtime.resolve.ResolveProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one resolver every use of a pools-file host goes through. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResolveProperties.class)
class ResolveConfiguration {

  @Bean
  HostResolver hostResolver(ResolveProperties properties) {
    return properties.resolver();
  }
}
