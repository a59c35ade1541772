package io.zonecast.central.httperrors;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Puts {@link JsonErrorReportValve} where Tomcat's (and Spring Boot's) {@code ErrorReportValve}
 * would be. Runs last, so it replaces the valve Spring Boot adds to the host.
 */
@Component
class TomcatErrorBodies
    implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(context -> {
      Container parent = context.getParent();
      if (parent instanceof StandardHost host) {
        host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
      }
      for (Valve valve : parent.getPipeline().getValves()) {
        if (valve instanceof ErrorReportValve && !(valve instanceof JsonErrorReportValve)) {
          parent.getPipeline().removeValve(valve);
        }
      }
      boolean present = false;
      for (Valve valve : parent.getPipeline().getValves()) {
        present |= valve instanceof JsonErrorReportValve;
      }
      if (!present) {
        parent.getPipeline().addValve(new JsonErrorReportValve());
      }
    });
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
