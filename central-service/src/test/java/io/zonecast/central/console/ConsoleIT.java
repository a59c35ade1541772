package io.zonecast.central.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.testsupport.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's files as central-service serves them (noauth mode): where they are, their
 * Content-Security-Policy, and that the policy holds for them (no inline script or style, every
 * module they import is there). What the console does is tested in a browser by ConsoleSystemIT.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("central_console_it");
  private static final Pattern IMPORT = Pattern.compile("(?:from|import) '\\./([a-z]+\\.js)'");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
    registry.add(
        "zonecast.central.pools-file",
        () -> ConsoleIT.class.getResource("/test-pools.yaml").getPath());
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @LocalServerPort int port;

  @Test
  void consoleIsServedAtSlashConsoleWithItsSecurityPolicy() {
    HttpResponse<String> bare = get("/console");
    assertThat(bare.statusCode()).isEqualTo(302);
    assertThat(bare.headers().firstValue("Location").orElseThrow()).endsWith("/console/");

    HttpResponse<String> page = get("/console/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(page.body()).contains("<title>zonecast console</title>");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'")
        .doesNotContain("unsafe-inline", "unsafe-eval");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

    // the API's responses are not the console's: no policy added to them
    assertThat(get("/v2/zones").headers().firstValue("Content-Security-Policy")).isEmpty();
    assertThat(get("/console/nothing.js").statusCode()).isEqualTo(404);
  }

  @Test
  void pageHasNoInlineScriptOrStyleAndEveryModuleItImportsIsServed() {
    String page = get("/console/index.html").body();
    assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
    assertThat(page).doesNotContain("style=", "onclick=", "<style");
    assertThat(get("/console/console.css").statusCode()).isEqualTo(200);

    Set<String> seen = new LinkedHashSet<>();
    Deque<String> pending = new ArrayDeque<>(Set.of("app.js"));
    while (!pending.isEmpty()) {
      String module = pending.pop();
      if (!seen.add(module)) {
        continue;
      }
      HttpResponse<String> file = get("/console/js/" + module);
      assertThat(file.statusCode()).as(module).isEqualTo(200);
      assertThat(file.headers().firstValue("Content-Type").orElseThrow())
          .as(module)
          .contains("javascript");
      assertThat(file.body()).as(module).doesNotContain("innerHTML", "eval(", "localStorage");
      Matcher imports = IMPORT.matcher(file.body());
      while (imports.find()) {
        pending.push(imports.group(1));
      }
    }
    assertThat(seen)
        .contains(
            "api.js",
            "dom.js",
            "zones.js",
            "records.js",
            "propagation.js",
            "tasks.js",
            "operators.js",
            "extensions.js",
            "recordtypes.js",
            "zonelines.js",
            "errors.js",
            "format.js",
            "secondary.js",
            "dnssec.js",
            "shares.js",
            "transfers.js");
  }

  private HttpResponse<String> get(String path) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build();
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
