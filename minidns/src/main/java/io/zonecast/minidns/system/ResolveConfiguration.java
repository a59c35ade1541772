package io.zonecast.minidns.system;

import io.zonecast.runtime.resolve.HostResolver;
import io.zonecast.runtime.resolve.ResolveProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one resolver for the hosts MiniDNS is told about: the destinations of NOTIFYs and polls, and
 * the pools file's servers that may transfer.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResolveProperties.class)
class ResolveConfiguration {

  @Bean
  HostResolver hostResolver(ResolveProperties properties) {
    return properties.resolver();
  }
}
