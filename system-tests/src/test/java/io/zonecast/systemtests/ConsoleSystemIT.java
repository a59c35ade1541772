package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Primary;
import io.zonecast.testsupport.Bind9Secondary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import tools.jackson.databind.JsonNode;

/**
 * The web console in a real headless Chromium against the whole stack (central, MiniDNS, pool
 * manager, two BIND9 secondaries), in noauth mode: what is done in the console reaches BIND9, the
 * page follows a zone's status by itself, the API's errors are shown where they belong, and a
 * project sees only its own zones; zones are edited, deleted and paged through; SECONDARY zones,
 * shares, ownership transfers and DNSSEC are driven from the console and checked through the API.
 * Screenshots of the main pages go to target/console-screenshots.
 */
class ConsoleSystemIT {

  static final Duration PATIENCE = Duration.ofSeconds(120);
  static ConsoleBrowser browser;

  @RegisterExtension
  static final StackExtension stack =
      StackExtension.named("console")
          // a key-encryption key, so the DNSSEC panel can sign
          .central(ZonecastStack.newKeyEncryptionKey())
          .after(s -> browser = ConsoleBrowser.start(s.apiPort()));

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
    for (Bind9Secondary bind : List.of(stack.bindA(), stack.bindB())) {
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
    for (Bind9Secondary bind : List.of(stack.bindA(), stack.bindB())) {
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
    String message =
        refusal(
            api.post(
                "/v2/zones/" + id + "/recordsets",
                "{\"name\":\"www." + zone + "\",\"type\":\"A\",\"records\":[\"192.0.2.300\"]}"),
            400);

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
              assertThat(stack.bindA().query("www." + zone, Type.A).getSection(Section.ANSWER))
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

  @Test
  void editingAZoneChangesItsTtlEmailAndDescriptionAndARefusedTtlIsShownAtItsField() {
    String zone = unique("edit");
    ApiClient api = api("console-edit");
    String id = createZone(api, zone);
    String message = refusal(api.patch("/v2/zones/" + id, "{\"ttl\": -1}"), 400);

    browser.useProject("console-edit", false);
    browser.open("#/zones/" + id);
    browser.click("#zone-edit");
    browser.awaitText("#zone-form h1", "Edit " + zone);
    browser.fill("#zone-ttl", "-1");
    browser.click("#zone-form button[type=submit]");
    assertThat(browser.awaitText("#zone-ttl-error", message)).isEqualTo(message);
    assertThat(browser.element("#zone-ttl").getAttribute("aria-invalid")).isEqualTo("true");

    browser.fill("#zone-ttl", "7200");
    browser.fill("#zone-email", "dns-admin@example.org");
    browser.fill("#zone-description", "edited in the console");
    browser.screenshot("zone-edit");
    browser.click("#zone-form button[type=submit]");
    browser.awaitText(".summary", "edited in the console");

    var edited = api.get("/v2/zones/" + id).body();
    assertThat(edited.get("ttl").asInt()).isEqualTo(7200);
    assertThat(edited.get("email").asString()).isEqualTo("dns-admin@example.org");
    assertThat(edited.get("description").asString()).isEqualTo("edited in the console");
  }

  @Test
  void deletingAZoneAsksFirstAndOnlyAYesDeletesIt() {
    String zone = unique("delete");
    ApiClient api = api("console-delete");
    String id = createZone(api, zone);

    browser.useProject("console-delete", false);
    browser.open("#/zones/" + id);
    browser.click("#zone-delete");
    assertThat(browser.awaitText("#confirm-text", zone)).contains("Delete the zone " + zone);
    // Escape cancels the modal dialog, as the keyboard user expects
    browser.element("#confirm-no").sendKeys(Keys.ESCAPE);
    await("the dialog closes")
        .atMost(PATIENCE)
        .until(() -> !browser.driver.findElement(By.id("confirm-dialog")).isDisplayed());
    assertThat(api.get("/v2/zones/" + id).body().get("action").asString()).isNotEqualTo("DELETE");

    browser.click("#zone-delete");
    browser.click("#confirm-yes");
    await("the console went back to the zones")
        .atMost(PATIENCE)
        .until(() -> browser.driver.getCurrentUrl().endsWith("#/zones"));
    await("the API deletes the zone")
        .atMost(PATIENCE)
        .until(() -> {
          ApiClient.Response now = api.get("/v2/zones/" + id);
          return now.status() == 404 || now.body().get("action").asString().equals("DELETE");
        });
  }

  @Test
  void aZoneListLongerThanAPageIsPagedThrough() {
    ApiClient api = api("console-pages");
    String tag = UUID.randomUUID().toString().substring(0, 6);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String name = "p%02d-%s.example.org.".formatted(i, tag);
      createZone(api, name);
      names.add(name);
    }

    browser.useProject("console-pages", false);
    browser.awaitText("#zones caption", "12 zones");
    new Select(browser.element("#zone-page-size")).selectByValue("10");
    browser.awaitText("#zones caption", "(1–10 shown)");
    awaitZonesShown(names.subList(0, 10));
    assertThat(browser.element("#zones-prev").isEnabled()).isFalse();

    browser.click("#zones-next");
    browser.awaitText("#zones caption", "(11–12 shown)");
    awaitZonesShown(names.subList(10, 12));
    assertThat(browser.element("#zones-page").getText()).isEqualTo("Page 2");
    assertThat(browser.element("#zones-next").isEnabled()).isFalse();
    browser.screenshot("zones-page-2");

    browser.click("#zones-prev");
    browser.awaitText("#zones caption", "(1–10 shown)");
    awaitZonesShown(names.subList(0, 10));
  }

  @Test
  void aSecondaryZoneCreatedInTheConsoleIsTransferredFromItsMasterAndServed() throws Exception {
    String zone = unique("secondary");
    String badMaster = "primary.example.net";
    ApiClient api = api("console-secondary");
    String message =
        refusal(
            api.post(
                "/v2/zones",
                "{\"name\":\"%s\",\"type\":\"SECONDARY\",\"masters\":[\"%s\"]}"
                    .formatted(zone, badMaster)),
            400);

    try (Bind9Primary primary =
        Bind9Primary.start(
            zone,
            SecondaryZoneSystemIT.zoneFile(zone, 2024030101L, "3600 600 86400 300"),
            stack.minidnsPort(),
            null)) {
      browser.useProject("console-secondary", false);
      browser.click("#zone-create");
      new Select(browser.element("#zone-type")).selectByValue("SECONDARY");
      assertThat(browser.element("#zone-masters").isDisplayed()).isTrue();
      assertThat(browser.driver.findElement(By.id("zone-email")).isDisplayed())
          .as("a SECONDARY zone's SOA is its master's: no email")
          .isFalse();
      browser.fill("#zone-name", zone);
      browser.fill("#zone-masters", badMaster);
      browser.click("#zone-form button[type=submit]");
      assertThat(browser.awaitText("#zone-masters-error", message)).isEqualTo(message);

      browser.fill("#zone-masters", primary.master());
      browser.click("#zone-form button[type=submit]");
      browser.awaitText("main h1", zone);
      String id = browser.driver.getCurrentUrl().replaceFirst(".*#/zones/", "");
      awaitPageStatus("ACTIVE");
      browser.awaitText("#zone-serial", "2024030101");
      assertThat(browser.element("#zone-masters").getText()).isEqualTo(primary.master());
      await("the last transfer shown")
          .atMost(PATIENCE)
          .ignoreExceptions()
          .until(
              () -> browser.element("#zone-transferred-at").getText(), t -> !t.equals("none yet"));
      browser.element("#recordsets tr[data-name='www." + zone + "'][data-type='A']");
      assertThat(browser.all("#recordset-add"))
          .as("the master's records are not edited here")
          .isEmpty();
      awaitEveryNameserverCurrent();

      var created = api.get("/v2/zones/" + id).body();
      assertThat(created.get("type").asString()).isEqualTo("SECONDARY");
      assertThat(created.get("masters").get(0).asString()).isEqualTo(primary.master());
      assertThat(created.get("transferred_at").isNull()).isFalse();
      assertThat(stack.bindA().soaSerial(zone)).hasValue(2024030101L);
      browser.screenshot("secondary-zone");
      // a pull on demand: the API takes it (202), the page says so
      browser.click("#zone-xfr");
      browser.awaitText("#xfr-status", "zonecast was asked to pull the zone");
    }
  }

  @Test
  void aZoneSharedInTheConsoleIsSeenByTheOtherProjectUntilTheShareIsRevoked() {
    String zone = unique("shared");
    ApiClient owner = api("console-sharer");
    String id = createZone(owner, zone);
    String message =
        refusal(
            owner.post("/v2/zones/" + id + "/shares", "{\"target_project_id\":\"console-sharer\"}"),
            400);

    browser.useProject("console-sharer", false);
    browser.open("#/zones/" + id);
    browser.fill("#share-target", "console-sharer");
    browser.click("#share-form button[type=submit]");
    assertThat(browser.awaitText("#share-target-error", message)).isEqualTo(message);

    browser.fill("#share-target", "console-sharee");
    browser.click("#share-form button[type=submit]");
    browser.element("#shares tr[data-target='console-sharee']");
    var shares = owner.get("/v2/zones/" + id + "/shares").body().get("shared_zones");
    assertThat(shares).hasSize(1);
    assertThat(shares.get(0).get("target_project_id").asString()).isEqualTo("console-sharee");
    browser.screenshot("shares");

    browser.useProject("console-sharee", false);
    assertThat(browser.awaitText("#zones tr[data-zone-id='" + id + "']", zone))
        .contains("shared with you");
    browser.open("#/zones/" + id);
    browser.awaitText("#zone-shared-with-you", "console-sharer");
    assertThat(browser.all("#zone-edit")).as("only the owner edits the zone").isEmpty();
    assertThat(browser.all("#zone-delete")).isEmpty();

    browser.useProject("console-sharer", false);
    browser.open("#/zones/" + id);
    browser.click("#shares tr[data-target='console-sharee'] button");
    browser.awaitText("#confirm-text", "console-sharee");
    browser.click("#confirm-yes");
    browser.awaitText("#shares caption", "Not shared");
    assertThat(api("console-sharee").get("/v2/zones/" + id).status()).isEqualTo(404);
  }

  @Test
  void aZoneOfferedInTheConsoleIsAcceptedByAnotherProjectInTheConsole() {
    String zone = unique("given");
    ApiClient giver = api("console-giver");
    String id = createZone(giver, zone);

    browser.useProject("console-giver", false);
    browser.open("#/zones/" + id);
    browser.fill("#transfer-target", "console-taker");
    browser.fill("#transfer-description", "for the new team");
    browser.click("#transfer-form button[type=submit]");
    String requestId = browser.element("#transfer-offers .transfer-id").getText();
    String key = browser.element("#transfer-offers .transfer-key").getText();
    var offered = giver.get("/v2/zones/tasks/transfer_requests/" + requestId).body();
    assertThat(offered.get("key").asString()).isEqualTo(key);
    assertThat(offered.get("target_project_id").asString()).isEqualTo("console-taker");

    ApiClient taker = api("console-taker");
    String message =
        refusal(
            taker.post(
                "/v2/zones/tasks/transfer_accepts",
                "{\"zone_transfer_request_id\":\"%s\",\"key\":\"WRONGKEY\"}".formatted(requestId)),
            403);

    browser.useProject("console-taker", false);
    browser.click("#nav a[href='#/transfers']");
    browser.click("#transfers tr[data-request-id='" + requestId + "'] button");
    assertThat(browser.element("#accept-id").getAttribute("value")).isEqualTo(requestId);
    assertThat(browser.element("#accept-key").getAttribute("value")).isEqualTo(key);
    browser.screenshot("transfers");
    browser.fill("#accept-key", "WRONGKEY");
    browser.click("#accept-submit");
    assertThat(browser.awaitText("#accept-key-error", message)).isEqualTo(message);

    browser.fill("#accept-key", key);
    browser.click("#accept-submit");
    browser.click("#accepted-zone");
    browser.awaitText("main h1", zone);
    assertThat(taker.get("/v2/zones/" + id).body().get("project_id").asString())
        .isEqualTo("console-taker");
    assertThat(giver.get("/v2/zones/" + id).status()).isEqualTo(404);
  }

  @Test
  void theDnssecPanelSignsTheZoneAndShowsTheDsLinesOfTheApi() {
    String zone = unique("signed");
    ApiClient api = api("console-dnssec");
    String id = createZone(api, zone);

    browser.useProject("console-dnssec", false);
    browser.open("#/zones/" + id);
    browser.awaitText("#dnssec-state", "UNSIGNED");
    browser.click("#dnssec-enable");
    String shown =
        await("the DS lines on the page")
            .atMost(PATIENCE)
            .ignoreExceptions()
            .until(() -> browser.element("#dnssec-ds").getAttribute("value"), v -> !v.isBlank());
    List<String> ds = new ArrayList<>();
    var status = api.get("/v2/zones/" + id + "/dnssec").body();
    status.get("ds").forEach(d -> ds.add(d.asString()));
    assertThat(ds).hasSize(1);
    assertThat(shown.lines().toList()).isEqualTo(ds);
    assertThat(status.get("signing").asString()).isEqualTo("SIGNED");
    for (String role : List.of("KSK", "ZSK")) {
      JsonNode key =
          keys(status).filter(k -> k.get("role").asString().equals(role)).findFirst().orElseThrow();
      // read again if the page re-rendered the row meanwhile (its panels follow the polled zone)
      await("the " + role + " row ACTIVE on the page")
          .atMost(PATIENCE)
          .ignoreException(org.openqa.selenium.StaleElementReferenceException.class)
          .until(
              () -> keyRow(role, key.get("key_tag").asInt()).getText(), t -> t.contains("ACTIVE"));
    }
    awaitPageStatus("ACTIVE");
    browser.screenshot("dnssec");

    // a ZSK rollover: the new ZSK is published next to the active one
    browser.click("#dnssec-rollover-zsk");
    browser.click("#confirm-yes");
    browser.element("#dnssec-keys tr[data-role='ZSK'][data-state='PUBLISHED']");
    assertThat(api.get("/v2/zones/" + id + "/dnssec").body().get("keys")).hasSize(3);

    // turning off, first step: DISABLING, no DS to hand out any more
    browser.click("#dnssec-disable");
    browser.click("#confirm-yes");
    browser.element("#dnssec-disabling");
    assertThat(api.get("/v2/zones/" + id + "/dnssec").body().get("signing").asString())
        .isEqualTo("DISABLING");
  }

  @Test
  void theDnssecPanelRollsTheKskByDoubleDsOnceTheParentPublishesTheNewDs() {
    String zone = unique("ksk-roll");
    ApiClient api = api("console-ksk");
    String id = createZone(api, zone);
    assertThat(api.put("/v2/zones/" + id + "/dnssec", "{\"enabled\": true}").status())
        .isEqualTo(202);

    browser.useProject("console-ksk", false);
    browser.open("#/zones/" + id);
    browser.click("#dnssec-rollover-ksk");
    browser.click("#confirm-yes");
    WebElement pending =
        browser.element("#dnssec-keys tr[data-role='KSK'][data-state='DS_PENDING']");
    String newKeyTag = pending.getAttribute("data-key-tag");
    // double-DS: the page hands out both DS lines, exactly the API's
    List<String> both =
        await("both DS lines on the page")
            .atMost(PATIENCE)
            .ignoreExceptions()
            .until(
                () -> browser.element("#dnssec-ds").getAttribute("value").lines().toList(),
                lines -> lines.size() == 2);
    List<String> ds = new ArrayList<>();
    api.get("/v2/zones/" + id + "/dnssec").body().get("ds").forEach(d -> ds.add(d.asString()));
    assertThat(both).containsExactlyInAnyOrderElementsOf(ds);
    assertThat(both).anyMatch(line -> line.startsWith(newKeyTag + " "));

    browser.click("#dnssec-checkds");
    browser.click("#confirm-yes");
    await("the parent's DS confirmed through the API")
        .atMost(PATIENCE)
        .until(() ->
            keys(api.get("/v2/zones/" + id + "/dnssec").body())
                .filter(k -> k.get("key_tag").asString().equals(newKeyTag))
                .map(k -> k.get("ds_published_at"))
                .anyMatch(at -> at != null && !at.isNull()));
    // the roll now waits for the parent's DS TTL: no second confirmation is offered
    await("the confirmation button gone")
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(() -> browser.all("#dnssec-checkds").isEmpty());
  }

  /** The keys of a zone's {@code GET /v2/zones/{id}/dnssec}. */
  private static Stream<JsonNode> keys(JsonNode dnssec) {
    return StreamSupport.stream(dnssec.get("keys").spliterator(), false);
  }

  /** The DNSSEC panel's row of the key of this role and key tag. */
  private static WebElement keyRow(String role, int keyTag) {
    return browser.element(
        "#dnssec-keys tr[data-role='" + role + "'][data-key-tag='" + keyTag + "']");
  }

  /** The API's message for a request it must refuse with {@code status}. */
  private static String refusal(ApiClient.Response refused, int status) {
    assertThat(refused.status()).as("%s", refused.body()).isEqualTo(status);
    return refused.body().get("message").asString();
  }

  private static String createZone(ApiClient api, String zone) {
    ApiClient.Response created =
        api.post("/v2/zones", "{\"name\":\"" + zone + "\",\"email\":\"h@example.org\"}");
    assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
    return created.body().get("id").asString();
  }

  /** Waits until the zone list shows exactly these names, in this order. */
  private static void awaitZonesShown(List<String> names) {
    await("the zone list shows " + names)
        .atMost(PATIENCE)
        // the list re-renders itself while a zone of the page is not ACTIVE
        .ignoreException(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            () ->
                browser.all("#zones tbody tr[data-zone-id] th").stream()
                    .map(WebElement::getText)
                    .toList(),
            names::equals);
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
