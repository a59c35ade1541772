package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Secondary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The web console in a real headless Chromium against the whole stack (central, MiniDNS, pool
 * manager, two BIND9 secondaries), in noauth mode: what is done in the console reaches BIND9, the
 * page follows a zone's status by itself, the API's errors are shown where they belong, and a
 * project sees only its own zones. Screenshots of the main pages go to target/console-screenshots.
 */
class ConsoleSystemIT {

  static final Duration PATIENCE = Duration.ofSeconds(120);
  static ZonecastStack stack;
  static ConsoleBrowser browser;

  @BeforeAll
  static void start() throws Exception {
    stack = ZonecastStack.start("console", List.of(), List.of());
    browser = ConsoleBrowser.start(stack.apiPort());
  }

  @AfterAll
  static void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (stack != null) {
        stack.close();
      }
    }
  }

  static ApiClient api(String project) {
    return new ApiClient("http://127.0.0.1:" + stack.apiPort(), project);
  }

  static String unique(String label) {
    return label + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
  }

  @Test
  void zoneAndRecordsMadeInTheConsoleAreServedByBind9AndThePageFollowsWithoutReload()
      throws Exception {
    String zone = unique("shop");
    browser.open("");
    browser.element("#project-form");
    browser.screenshot("sign-in-noauth");
    browser.useProject("console-a", false);
    browser.click("#zone-create");
    browser.fill("#zone-name", zone);
    browser.fill("#zone-email", "hostmaster@example.org");
    browser.fill("#zone-ttl", "300");
    browser.fill("#zone-description", "made in the console");
    browser.click("#zone-form button[type=submit]");

    browser.awaitText("main h1", zone);
    String id = browser.driver.getCurrentUrl().replaceFirst(".*#/zones/", "");
    // a reload would lose this
    Object marker = browser.script("return window.zonecastMarker = 'm' + Math.random();");
    assertThat(browser.element("#status-history li").getAttribute("data-status"))
        .as("the zone as the create answered it")
        .isEqualTo("PENDING");
    awaitPageStatus("ACTIVE");
    assertThat(browser.script("return window.zonecastMarker")).isEqualTo(marker);
    awaitEveryNameserverCurrent();

    // a recordset through its form
    browser.click("#recordset-add");
    browser.fill("#rs-name", "www");
    browser.fill("#rs-records", "192.0.2.44");
    browser.click("#recordset-form button[type=submit]");
    browser.element("#recordsets tr[data-name='www." + zone + "'][data-type='A']");
    for (Bind9Secondary bind : List.of(stack.bindA, stack.bindB)) {
      await("www." + zone + " A on " + bind.port())
          .atMost(PATIENCE)
          .untilAsserted(() -> {
            Message answer = bind.query("www." + zone, Type.A);
            assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(answer.getSection(Section.ANSWER))
                .singleElement()
                .satisfies(r ->
                    assertThat(((ARecord) r).getAddress().getHostAddress())
                        .isEqualTo("192.0.2.44"));
          });
    }

    // zone-file lines pasted: two recordsets made, the line that is none refused with its number
    browser.fill(
        "#bulk-lines", "mail 300 IN MX 10 mx.example.net.\n  IN TXT \"hello\"\nwrong line");
    browser.click("#bulk-apply");
    String result = browser.awaitText("#bulk-result", "TXT mail." + zone);
    assertThat(result)
        .contains("MX mail." + zone + " (line 1): created")
        .contains("TXT mail." + zone + " (line 2): created")
        .contains("Line 3: no record type zonecast manages: wrong line");
    for (Bind9Secondary bind : List.of(stack.bindA, stack.bindB)) {
      await("mail." + zone + " MX on " + bind.port())
          .atMost(PATIENCE)
          .untilAsserted(() ->
              assertThat(bind.query("mail." + zone, Type.MX).getSection(Section.ANSWER))
                  .singleElement()
                  .satisfies(r ->
                      assertThat(((MXRecord) r).getTarget().toString())
                          .isEqualTo("mx.example.net.")));
    }
    long serial = api("console-a").get("/v2/zones/" + id).body().get("serial").asLong();
    await("the page shows serial " + serial)
        .atMost(PATIENCE)
        // the page re-renders the zone as its status changes: an element found may be replaced
        .ignoreException(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            () -> browser.element("#zone-serial").getText(), s -> s.equals(String.valueOf(serial)));
    awaitPageStatus("ACTIVE");
    awaitEveryNameserverCurrent();
    assertThat(browser.script("return window.zonecastMarker")).isEqualTo(marker);
    browser.screenshot("zone");

    // export: the file downloaded is the zone's
    browser.click("#zone-export");
    WebElement download = browser.element("#export-download");
    assertThat(download.getAttribute("download"))
        .isEqualTo(zone.replaceFirst("\\.$", "") + ".zone");
    download.click();
    Path saved = browser.downloads().resolve(download.getAttribute("download"));
    await("the zone file downloaded to " + saved)
        .atMost(PATIENCE)
        .until(() -> Files.isRegularFile(saved) && Files.size(saved) > 0);
    String exported = Files.readString(saved);
    assertThat(exported).contains("192.0.2.44").contains("mx.example.net.").contains("SOA");

    browser.open("#/zones");
    browser.awaitText("#zones", zone);
    browser.screenshot("zones");
  }

  @Test
  void anInvalidRecordShowsTheApiMessageNextToItsField() {
    String zone = unique("invalid");
    ApiClient api = api("console-b");
    String id =
        api.post("/v2/zones", "{\"name\":\"" + zone + "\",\"email\":\"h@example.org\"}")
            .body()
            .get("id")
            .asString();
    ApiClient.Response refused =
        api.post(
            "/v2/zones/" + id + "/recordsets",
            "{\"name\":\"www." + zone + "\",\"type\":\"A\",\"records\":[\"192.0.2.300\"]}");
    assertThat(refused.status()).isEqualTo(400);
    String message = refused.body().get("message").asString();

    browser.useProject("console-b", false);
    browser.open("#/zones/" + id);
    browser.click("#recordset-add");
    browser.fill("#rs-name", "www");
    browser.fill("#rs-records", "192.0.2.300");
    browser.click("#recordset-form button[type=submit]");

    assertThat(browser.awaitText("#rs-records-error", message)).isEqualTo(message);
    assertThat(browser.element("#rs-records").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(browser.element("#rs-records").getAttribute("aria-describedby"))
        .contains("rs-records-error");
    assertThat(browser.all("#recordsets tr[data-name='www." + zone + "']")).isEmpty();
    browser.screenshot("record-error");
  }

  @Test
  void anotherProjectSeesNothingOfAZone() {
    String zone = unique("private");
    String id =
        api("console-owner")
            .post("/v2/zones", "{\"name\":\"" + zone + "\",\"email\":\"h@example.org\"}")
            .body()
            .get("id")
            .asString();
    String notFound = api("console-other").get("/v2/zones/" + id).body().get("message").asString();

    browser.useProject("console-other", false);
    browser.awaitText("#zones caption", "0 zones");
    browser.fill("#zone-search", zone.substring(0, 16));
    browser.click("#zone-filters button[type=submit]");
    browser.awaitText("#zones caption", "0 zones matching");
    assertThat(browser.element("#zones tbody").getText()).doesNotContain(zone);

    browser.open("#/zones/" + id);
    assertThat(browser.awaitText("main .problem", notFound)).doesNotContain(zone);
    assertThat(browser.all("#nav a[href='#/operators']")).as("not an admin").isEmpty();

    browser.useProject("console-owner", false);
    browser.awaitText("#zones", zone);
  }

  @Test
  void anImportWithABadLineShowsThatLine() throws Exception {
    String zone = unique("imported");
    String bad = "broken 300 IN MX mail." + zone;
    String file =
        "$ORIGIN "
            + zone
            + "\n"
            + "$TTL 300\n"
            + "@ IN SOA ns1.example.org. hostmaster.example.org. 1 3600 600 86400 300\n"
            + "@ IN NS ns1.example.org.\n"
            + "www IN A 192.0.2.7\n"
            + bad
            + "\n";
    Path upload = Files.createTempFile("console-import-", ".zone");
    Files.writeString(upload, file);
    try {
      browser.useProject("console-d", false);
      browser.open("#/import");
      browser.element("#import-file").sendKeys(upload.toAbsolutePath().toString());
      await("the file read into the form")
          .atMost(PATIENCE)
          .until(() -> browser.element("#import-text").getAttribute("value"), v -> v.contains(bad));
      browser.click("#import-submit");

      assertThat(browser.awaitText("#import-failing-line", bad)).isEqualTo(bad);
      assertThat(browser.element("#import-message").getText()).startsWith("line 6: ");
      browser.screenshot("import-error");

      // the line mended, the import completes and leads to the zone, served by BIND9
      browser.fill("#import-text", file.replace(bad, "broken 300 IN MX 10 mail." + zone));
      browser.click("#import-submit");
      browser.click("#import-zone-link");
      browser.awaitText("main h1", zone);
      awaitPageStatus("ACTIVE");
      await("www." + zone + " on BIND9")
          .atMost(PATIENCE)
          .untilAsserted(() ->
              assertThat(stack.bindA.query("www." + zone, Type.A).getSection(Section.ANSWER))
                  .hasSize(1));
    } finally {
      Files.deleteIfExists(upload);
    }
  }

  @Test
  void operatorsSeePoolsTargetsZonesOfAllProjectsAndQuotas() {
    String zone = unique("ops");
    api("console-e").post("/v2/zones", "{\"name\":\"" + zone + "\",\"email\":\"h@example.org\"}");
    String zonesQuota = api("console-e").get("/v2/quotas/console-e").body().get("zones").asString();

    browser.useProject("console-admin", true);
    browser.click("#nav a[href='#/operators']");
    browser.awaitText("#pools-panel", "ns1.");
    // both BIND9 secondaries, as the pool manager's heartbeat reports them
    await("both targets reported up")
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(
            () ->
                browser.all("#targets tbody tr[data-target]").stream()
                    .filter(row -> row.findElement(By.cssSelector("td")).getText().equals("UP"))
                    .count(),
            n -> n == 2);
    browser.awaitText("#services", "pool-manager");
    // the count of ACTIVE zones of every project, as the API gives it to an admin
    await("the page counts the ACTIVE zones of all projects")
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(
            () -> browser.element("#zone-counts li[data-status='ACTIVE']").getText(),
            shown ->
                shown.equals("ACTIVE " + activeZonesOfAllProjects()) && !shown.equals("ACTIVE 0"));

    browser.fill("#quota-project", "console-e");
    browser.click("#quota-lookup button[type=submit]");
    assertThat(browser.element("#quota-zones").getAttribute("value")).isEqualTo(zonesQuota);
    browser.screenshot("operators");
  }

  private static int activeZonesOfAllProjects() {
    return api("console-admin")
        .withHeader("X-Roles", "admin")
        .withHeader("X-Auth-All-Projects", "true")
        .get("/v2/zones?status=ACTIVE&limit=1")
        .body()
        .get("metadata")
        .get("total_count")
        .asInt();
  }

  private static void awaitPageStatus(String status) {
    await("the zone page shows " + status + " without a reload")
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(
            () -> {
              List<WebElement> seen = browser.all("#status-history li");
              return seen.getLast().getAttribute("data-status");
            },
            s -> s.equals(status));
  }

  private static void awaitEveryNameserverCurrent() {
    await("every name server serves the zone's serial, on the page")
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(
            () ->
                browser.all("#propagation tbody tr[data-nameserver]").stream()
                    .filter(row -> row.getText().contains("current"))
                    .count(),
            n -> n == 2);
  }
}
