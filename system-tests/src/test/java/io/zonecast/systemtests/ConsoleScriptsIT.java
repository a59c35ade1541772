package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console's JavaScript unit tests (formatting, help per record type, zone-file lines for bulk
 * paste, which field an API error is about) in the headless Chromium the console's browser tests
 * use: a page of {@code src/test/resources/console-unit} loads the console's modules as central
 * serves them (its {@code static/console}, from the central-service jar) and runs every case; any
 * failing case, or a module that does not load, fails this test. No stack is started: a loopback
 * HTTP server of the JDK serves the two folders.
 */
class ConsoleScriptsIT {

  private static final Map<String, String> TYPES =
      Map.of("html", "text/html", "js", "text/javascript", "css", "text/css");

  @Test
  void everyCaseOfTheConsolesUnitTestsPasses() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/console/", exchange -> serve(exchange, "static/console/", "/console/"));
    server.createContext(
        "/console-unit/", exchange -> serve(exchange, "console-unit/", "/console-unit/"));
    server.start();
    try (ConsoleBrowser browser = ConsoleBrowser.start(server.getAddress().getPort())) {
      browser.openPath("/console-unit/index.html");
      List<?> results =
          await("the unit tests ran (page: " + browser.driver.getCurrentUrl() + ")")
              .atMost(ConsoleBrowser.PATIENCE)
              .until(
                  () -> (List<?>) browser.script("return window.consoleUnitResults;"),
                  r -> r != null);
      List<String> failed =
          results.stream()
              .map(r -> (Map<?, ?>) r)
              .filter(r -> !Boolean.TRUE.equals(r.get("passed")))
              .map(r -> r.get("name") + ": " + r.get("message"))
              .toList();
      assertThat(failed).as("failing cases of the console's unit tests").isEmpty();
      // every case written ran: a runner or module that lost some would pass with fewer
      assertThat(results).hasSize(casesWritten());
    } finally {
      server.stop(0);
    }
  }

  /** How many {@code test(...)} cases the test modules that main.js runs hold. */
  private static int casesWritten() throws IOException {
    String main = resource("console-unit/main.js");
    Matcher modules = Pattern.compile("'\\./([a-z]+\\.test\\.js)'").matcher(main);
    int cases = 0;
    int files = 0;
    while (modules.find()) {
      files++;
      cases +=
          (int)
              Pattern.compile("(?m)^test\\(")
                  .matcher(resource("console-unit/" + modules.group(1)))
                  .results()
                  .count();
    }
    assertThat(files).as("test modules named in main.js").isPositive();
    return cases;
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = ConsoleScriptsIT.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** A file of the classpath folder {@code folder}, by the path after {@code prefix}. */
  private static void serve(HttpExchange exchange, String folder, String prefix)
      throws IOException {
    try (exchange) {
      String rest = exchange.getRequestURI().getPath().substring(prefix.length());
      InputStream file =
          rest.contains("..") || rest.isEmpty()
              ? null
              : ConsoleScriptsIT.class.getClassLoader().getResourceAsStream(folder + rest);
      if (file == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      try (file) {
        byte[] body = file.readAllBytes();
        String extension = rest.substring(rest.lastIndexOf('.') + 1);
        exchange
            .getResponseHeaders()
            .set("Content-Type", TYPES.getOrDefault(extension, "application/octet-stream"));
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
    }
  }
}
