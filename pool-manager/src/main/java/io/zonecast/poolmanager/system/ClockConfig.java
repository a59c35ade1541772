package io.zonecast.poolmanager.system;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one place that reads the wall clock: every other class is given this {@link Clock}, so a test
 * can hand in a fixed or stepped one (ArchitectureTest holds the rule).
 */
@Configuration(proxyBeanMethods = false)
class ClockConfig {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
