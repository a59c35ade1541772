package io.zonecast.central.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web console: static files under {@code classpath:/static/console/}, served by Spring Boot's
 * static resource handling at {@code /console/**}. It is a client of the public v2 API on the same
 * port and nothing else; {@code /console} and {@code /console/} lead to its page.
 */
@Configuration
class ConsoleConfig implements WebMvcConfigurer {

  static final String PATH = "/console";

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController(PATH, PATH + "/");
    registry.addViewController(PATH + "/").setViewName("forward:" + PATH + "/index.html");
  }
}
