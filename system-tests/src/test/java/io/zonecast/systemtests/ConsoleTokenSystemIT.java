package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The web console against the whole stack in token mode: it asks for a bearer token, keeps it in
 * the page's memory only (a reload forgets it, nothing is stored), acts as the token's project, and
 * an operators' page asked for with a member's token shows the API's refusal.
 */
class ConsoleTokenSystemIT {

  static final String ISSUER = "https://idp.zonecast.test/console";
  static final String AUDIENCE = "zonecast";
  static final Duration PATIENCE = Duration.ofSeconds(120);
  static final TestTokens TOKENS = TestTokens.create(ISSUER);
  static ConsoleBrowser browser;

  @RegisterExtension
  static final StackExtension stack =
      StackExtension.named("console-token")
          .before(() -> TOKENS) // closed once the stack stopped
          .central(
              "--zonecast.central.auth.mode=token",
              "--zonecast.central.auth.issuer=" + ISSUER,
              "--spring.security.oauth2.resourceserver.jwt.public-key-location="
                  + TOKENS.publicKeyLocation(),
              "--spring.security.oauth2.resourceserver.jwt.audiences=" + AUDIENCE)
          .after(s -> browser = ConsoleBrowser.start(s.apiPort()));

  @Test
  void signInWithATokenKeptInThePageOnly() {
    String zone = "token-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
    String token = token("token-a", List.of("member", "reader"));
    String other = token("token-b", List.of("member", "reader"));
    ApiClient owner =
        new ApiClient("http://127.0.0.1:" + stack.apiPort(), "ignored")
            .withHeader("Authorization", "Bearer " + token);
    String id =
        owner
            .post("/v2/zones", "{\"name\":\"" + zone + "\",\"email\":\"h@example.org\"}")
            .body()
            .get("id")
            .asString();

    browser.open("");
    browser.element("#token-form");
    assertThat(browser.all("#project-form")).as("no project selector in token mode").isEmpty();
    browser.screenshot("sign-in-token");
    signIn(token);
    browser.awaitText("#current-project", "token-a");
    browser.awaitText("#zones", zone);
    browser.click("#zones a[href='#/zones/" + id + "']");
    browser.awaitText("main h1", zone);
    await("the zone ACTIVE on its page")
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(() -> browser.element("#zone-status").getText(), s -> s.equals("ACTIVE"));

    Object stored =
        browser.script(
            "return JSON.stringify(localStorage) + JSON.stringify(sessionStorage)"
                + " + document.cookie + location.href;");
    assertThat((String) stored).doesNotContain(token).doesNotContain(token.split("\\.")[2]);

    // a member's token: the operators' page shows the API's refusal
    browser.open("#/operators");
    browser.awaitText("#pools-panel .problem", "admin");

    // a reload forgets the token
    browser.driver.navigate().refresh();
    browser.element("#token-form");
    assertThat(browser.all("#zones")).isEmpty();

    // signed in again, the console shows the page the address names (the operators' page)
    signIn(other);
    browser.awaitText("#current-project", "token-b");
    browser.open("#/zones");
    browser.awaitText("#zones caption", "0 zones");
    assertThat(browser.element("#zones").getText()).doesNotContain(zone);
  }

  private static void signIn(String token) {
    browser.fill("#token", token);
    browser.click("#token-form button[type=submit]");
  }

  /** An RS256 JWT as an identity provider would sign it (RFC 7519, RFC 7518 section 3.3). */
  private static String token(String project, List<String> roles) {
    return TOKENS.sign(TOKENS.claims(project, roles, AUDIENCE));
  }
}
