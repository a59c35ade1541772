package io.zonecast.central;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.TestInfrastructure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The parts of Designate's v2 API beyond creating and changing zones, against a real PostgreSQL:
 * list filters, sorting and paging; roles, all-projects and sudo; quotas; TLDs and blacklists;
 * pools and version discovery.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DesignateApiIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("designate_api_it");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    CentralTestProperties.register(registry, DB, "/test-pools.yaml");
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  /** Each test works in projects of its own, so counts and lists are exact. */
  String project;

  ApiClient api;
  ApiClient admin;

  @BeforeEach
  void setUp() {
    project = "p-" + UUID.randomUUID().toString().substring(0, 8);
    api = client(project).withHeader("X-Roles", "member");
    admin = client("admin-project").withHeader("X-Roles", "admin");
  }

  private ApiClient client(String projectId) {
    return new ApiClient(port, projectId);
  }

  private static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static String zoneJson(String name, String email, Integer ttl, String description) {
    return "{\"name\":\""
        + name
        + "\",\"email\":\""
        + email
        + "\""
        + (ttl == null ? "" : ",\"ttl\":" + ttl)
        + (description == null ? "" : ",\"description\":\"" + description + "\"")
        + "}";
  }

  private static String createZone(ApiClient client, String name) {
    ApiClient.Response created =
        client.post("/v2/zones", zoneJson(name, "hostmaster@example.org", null, null));
    assertThat(created.status()).as("create %s: %s", name, created.body()).isEqualTo(202);
    return created.body().get("id").asString();
  }

  private static String createRecordset(
      ApiClient client, String zoneId, String name, String type, String records, Integer ttl) {
    ApiClient.Response created =
        client.post(
            "/v2/zones/" + zoneId + "/recordsets",
            "{\"name\":\""
                + name
                + "\",\"type\":\""
                + type
                + "\",\"records\":"
                + records
                + (ttl == null ? "" : ",\"ttl\":" + ttl)
                + "}");
    assertThat(created.status()).as("recordset %s: %s", name, created.body()).isEqualTo(202);
    return created.body().get("id").asString();
  }

  private static List<String> values(ApiClient.Response list, String collection, String field) {
    assertThat(list.status()).as("list: %s", list.body()).isEqualTo(200);
    return list.body().get(collection).valueStream().map(z -> z.get(field).asString()).toList();
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void assertError(ApiClient.Response response, int status, String type) {
    assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
    assertThat(response.body().get("code").asInt()).isEqualTo(status);
    assertThat(response.body().get("type").asString()).isEqualTo(type);
    assertThat(response.body().get("message").asString()).isNotBlank();
    assertThat(response.body().get("request_id").asString()).startsWith("req-");
  }

  /** Follows {@code links.next} from {@code first} and returns every item's {@code field}. */
  private static List<String> allPages(
      ApiClient client, String first, String collection, String field) {
    List<String> seen = new ArrayList<>();
    String path = first;
    for (int pages = 0; path != null; pages++) {
      assertThat(pages).as("pages followed").isLessThan(50);
      ApiClient.Response page = client.get(path);
      seen.addAll(values(page, collection, field));
      JsonNode next = page.body().get("links").get("next");
      path = next == null ? null : next.asString().substring(next.asString().indexOf("/v2/"));
    }
    return seen;
  }

  // ---- zone lists -------------------------------------------------------------------------------

  @Test
  void zonesAreFilteredByEachOfDesignatesFilters() {
    String id = unique();
    String alpha = "alpha-" + id + ".example.org.";
    String beta = "beta-" + id + ".example.net.";
    String gamma = "gamma-" + id + ".example.org.";
    api.post("/v2/zones", zoneJson(alpha, "alpha@example.org", 300, "first zone"));
    api.post("/v2/zones", zoneJson(beta, "beta@example.net", 600, "second zone"));
    api.post("/v2/zones", zoneJson(gamma, "gamma@example.org", 600, null));
    jdbc.update("update zones set status = 'ACTIVE', action = 'NONE' where name = ?", gamma);

    assertThat(values(api.get("/v2/zones?name=" + alpha.toUpperCase()), "zones", "name"))
        .containsExactly(alpha);
    assertThat(values(api.get("/v2/zones?name=*" + id + ".example.org."), "zones", "name"))
        .containsExactlyInAnyOrder(alpha, gamma);
    assertThat(values(api.get("/v2/zones?name=*-" + id + "*"), "zones", "name"))
        .containsExactlyInAnyOrder(alpha, beta, gamma);
    assertThat(values(api.get("/v2/zones?email=beta@example.net"), "zones", "name"))
        .containsExactly(beta);
    assertThat(values(api.get("/v2/zones?email=*@EXAMPLE.org"), "zones", "name"))
        .containsExactlyInAnyOrder(alpha, gamma);
    assertThat(values(api.get("/v2/zones?ttl=600"), "zones", "name"))
        .containsExactlyInAnyOrder(beta, gamma);
    assertThat(values(api.get("/v2/zones?description=" + query("first zone")), "zones", "name"))
        .containsExactly(alpha);
    assertThat(values(api.get("/v2/zones?description=*zone"), "zones", "name"))
        .containsExactlyInAnyOrder(alpha, beta);
    assertThat(values(api.get("/v2/zones?status=PENDING"), "zones", "name"))
        .containsExactlyInAnyOrder(alpha, beta);
    assertThat(values(api.get("/v2/zones?status=active"), "zones", "name")).containsExactly(gamma);
    assertThat(values(api.get("/v2/zones?status=ERROR"), "zones", "name")).isEmpty();
    assertThat(values(api.get("/v2/zones?type=PRIMARY"), "zones", "name")).hasSize(3);
    assertThat(values(api.get("/v2/zones?type=SECONDARY"), "zones", "name")).isEmpty();
    ApiClient.Response combined = api.get("/v2/zones?email=*@example.org&ttl=600");
    assertThat(values(combined, "zones", "name")).containsExactly(gamma);
    assertThat(combined.body().get("metadata").get("total_count").asInt()).isEqualTo(1);
    // '%' and '_' are literal, only '*' is a wildcard
    assertThat(values(api.get("/v2/zones?name=" + query("%")), "zones", "name")).isEmpty();
    assertThat(values(api.get("/v2/zones?name=" + query("alpha_" + id + "*")), "zones", "name"))
        .isEmpty();

    assertError(api.get("/v2/zones?ttl=soon"), 400, "bad_request");
    ApiClient.Response unknown = api.get("/v2/zones?colour=red&size=big");
    assertError(unknown, 400, "bad_request");
    assertThat(unknown.body().get("message").asString()).isEqualTo("Invalid filters colour, size");
    ApiClient.Response twice = api.get("/v2/zones?name=a.org.&name=b.org.");
    assertError(twice, 400, "bad_request");
    assertThat(twice.body().get("message").asString()).isEqualTo("Duplicate filters name");
  }

  @Test
  void zonesAreSortedAndPagedInTheDatabase() {
    String id = unique();
    List<String> names = new ArrayList<>();
    int[] ttls = {500, 100, 400, 200, 300};
    for (int i = 0; i < ttls.length; i++) {
      String name = "z" + i + "-" + id + ".example.org.";
      api.post("/v2/zones", zoneJson(name, "hostmaster@example.org", ttls[i], null));
      names.add(name);
    }
    List<String> byName = names.stream().sorted().toList();

    assertThat(values(api.get("/v2/zones?sort_key=name"), "zones", "name")).isEqualTo(byName);
    assertThat(values(api.get("/v2/zones?sort_key=name&sort_dir=desc"), "zones", "name"))
        .isEqualTo(byName.reversed());
    assertThat(values(api.get("/v2/zones?sort_key=ttl&sort_dir=desc"), "zones", "ttl"))
        .containsExactly("500", "400", "300", "200", "100");
    assertThat(values(api.get("/v2/zones"), "zones", "name")).isEqualTo(names);
    // tenant_id is only a sort key with all-projects; otherwise the default order
    assertThat(values(api.get("/v2/zones?sort_key=tenant_id"), "zones", "name")).isEqualTo(names);

    assertThat(allPages(api, "/v2/zones?limit=2&sort_key=name&sort_dir=desc", "zones", "name"))
        .isEqualTo(byName.reversed());
    assertThat(allPages(api, "/v2/zones?limit=1&sort_key=ttl", "zones", "ttl"))
        .containsExactly("100", "200", "300", "400", "500");
    // updated_at is null on zones never changed: they come first, ordered by id
    api.patch(
        "/v2/zones/"
            + api.get("/v2/zones?name=" + names.get(2))
                .body()
                .get("zones")
                .get(0)
                .get("id")
                .asString(),
        "{\"ttl\":42}");
    List<String> byUpdate = allPages(api, "/v2/zones?limit=2&sort_key=updated_at", "zones", "name");
    assertThat(byUpdate).hasSize(5).doesNotHaveDuplicates().endsWith(names.get(2));
    assertThat(
            allPages(api, "/v2/zones?limit=2&sort_key=updated_at&sort_dir=desc", "zones", "name"))
        .isEqualTo(byUpdate.reversed());
    assertThat(allPages(api, "/v2/zones?limit=3&name=*" + id + "*&ttl=200", "zones", "name"))
        .containsExactly(names.get(3));

    ApiClient.Response firstTwo = api.get("/v2/zones?limit=2&sort_key=name");
    assertThat(firstTwo.body().get("metadata").get("total_count").asInt()).isEqualTo(5);
    String next = firstTwo.body().get("links").get("next").asString();
    assertThat(next)
        .contains("sort_key=name")
        .contains("limit=2")
        .contains("marker=" + firstTwo.body().get("zones").get(1).get("id").asString());
    assertThat(firstTwo.body().get("links").get("self").asString())
        .endsWith("/v2/zones?limit=2&sort_key=name");
    // as in Designate, a page exactly as long as the limit has a next link, even the last one
    ApiClient.Response all = api.get("/v2/zones?limit=5");
    String afterLast = all.body().get("links").get("next").asString();
    ApiClient.Response empty = api.get(afterLast.substring(afterLast.indexOf("/v2/")));
    assertThat(empty.body().get("zones").size()).isZero();
    assertThat(empty.body().get("links").has("next")).isFalse();
    assertThat(values(api.get("/v2/zones?limit=max"), "zones", "name")).hasSize(5);
  }

  @Test
  void badSortAndPagingParametersGetDesignatesErrors() {
    String other =
        createZone(
            client("q-" + unique()).withHeader("X-Roles", "member"),
            "o-" + unique() + ".example.org.");

    ApiClient.Response sortKey = api.get("/v2/zones?sort_key=email");
    assertError(sortKey, 400, "invalid_sort_key");
    assertThat(sortKey.body().get("message").asString())
        .isEqualTo(
            "sort key must be one of ['created_at', 'id', 'updated_at', 'name', 'tenant_id',"
                + " 'serial', 'ttl', 'status']");
    ApiClient.Response sortDir = api.get("/v2/zones?sort_dir=up");
    assertError(sortDir, 400, "invalid_sort_dir");
    assertThat(sortDir.body().get("message").asString())
        .isEqualTo("Unknown sort direction, must be 'desc' or 'asc'");
    ApiClient.Response limit = api.get("/v2/zones?limit=many");
    assertError(limit, 400, "invalid_limit");
    assertThat(limit.body().get("message").asString())
        .isEqualTo("limit should be an integer between 1 and 1000");
    assertError(api.get("/v2/zones?limit=0"), 400, "invalid_limit");
    assertError(api.get("/v2/zones?limit=-3"), 400, "invalid_limit");
    assertError(api.get("/v2/zones?marker=not-a-uuid"), 400, "invalid_marker");
    ApiClient.Response missing = api.get("/v2/zones?marker=" + UUID.randomUUID());
    assertError(missing, 400, "marker_not_found");
    // another project's zone is no marker for this one
    assertError(api.get("/v2/zones?marker=" + other), 400, "marker_not_found");
    assertError(api.get("/v2/recordsets?sort_key=id"), 400, "invalid_sort_key");
    assertError(api.get("/v2/recordsets?sort_key=records"), 400, "invalid_sort_key");
    assertError(api.get("/v2/recordsets?marker=" + UUID.randomUUID()), 400, "marker_not_found");
    assertError(api.get("/v2/recordsets?email=x"), 400, "bad_request");
  }

  // ---- recordset lists
  // ---------------------------------------------------------------------------

  @Test
  void recordsetsOfAZoneAreFilteredSortedAndPaged() {
    String zoneName = "rs-" + unique() + ".example.org.";
    String zoneId = createZone(api, zoneName);
    String www = "www." + zoneName;
    String mail = "mail." + zoneName;
    String txt = "txt." + zoneName;
    createRecordset(api, zoneId, www, "A", "[\"192.0.2.1\",\"192.0.2.2\"]", 300);
    createRecordset(api, zoneId, mail, "MX", "[\"10 mx.example.org.\"]", 600);
    String txtId = createRecordset(api, zoneId, txt, "TXT", "[\"\\\"hello world\\\"\"]", null);
    api.put("/v2/zones/" + zoneId + "/recordsets/" + txtId, "{\"description\":\"Greeting\"}");
    // the zone on its targets, one of its recordsets settled (before the zone's creation is
    // served, a settled recordset is shown with the zone's status: CreatingZone)
    jdbc.update(
        "update zones set status = 'ACTIVE', action = 'NONE' where id = cast(? as uuid)", zoneId);
    jdbc.update("update recordsets set status = 'ACTIVE' where name = ?", mail);
    String path = "/v2/zones/" + zoneId + "/recordsets";

    // SOA and NS are created together: the same created_at, ordered by id
    assertThat(values(api.get(path), "recordsets", "type")).hasSize(5).endsWith("A", "MX", "TXT");
    assertThat(values(api.get(path + "?name=" + www.toUpperCase()), "recordsets", "name"))
        .containsExactly(www);
    assertThat(values(api.get(path + "?name=*." + zoneName), "recordsets", "name"))
        .containsExactlyInAnyOrder(www, mail, txt);
    assertThat(values(api.get(path + "?type=a"), "recordsets", "name")).containsExactly(www);
    assertThat(values(api.get(path + "?type=*X*"), "recordsets", "type"))
        .containsExactlyInAnyOrder("MX", "TXT");
    assertThat(values(api.get(path + "?ttl=300"), "recordsets", "name")).containsExactly(www);
    assertThat(values(api.get(path + "?data=192.0.2.2"), "recordsets", "name"))
        .containsExactly(www);
    assertThat(values(api.get(path + "?data=*mx.example.org."), "recordsets", "name"))
        .containsExactly(mail);
    assertThat(values(api.get(path + "?data=*HELLO*"), "recordsets", "name")).containsExactly(txt);
    assertThat(values(api.get(path + "?status=active"), "recordsets", "name"))
        .containsExactly(mail);
    assertThat(values(api.get(path + "?description=greeting"), "recordsets", "name"))
        .containsExactly(txt);
    ApiClient.Response filtered = api.get(path + "?type=A&data=192.0.2.*");
    assertThat(filtered.body().get("metadata").get("total_count").asInt()).isEqualTo(1);
    assertThat(filtered.body().get("recordsets").get(0).get("zone_name").asString())
        .isEqualTo(zoneName);
    assertThat(filtered.body().get("recordsets").get(0).get("records").size()).isEqualTo(2);

    assertThat(values(api.get(path + "?sort_key=type&sort_dir=desc"), "recordsets", "type"))
        .containsExactly("TXT", "SOA", "NS", "MX", "A");
    // recordsets without their own TTL come first in ascending TTL order
    assertThat(values(api.get(path + "?sort_key=ttl&type=*X*"), "recordsets", "type"))
        .containsExactly("TXT", "MX");
    // SOA and NS share the apex name: paging breaks the tie by id, never repeating or skipping
    assertThat(allPages(api, path + "?limit=2&sort_key=name", "recordsets", "id"))
        .isEqualTo(values(api.get(path + "?sort_key=name"), "recordsets", "id"))
        .hasSize(5)
        .doesNotHaveDuplicates();
    assertThat(allPages(api, path + "?limit=2&sort_key=name", "recordsets", "name"))
        .isSortedAccordingTo(Comparator.naturalOrder());
    assertError(api.get(path + "?sort_key=records"), 400, "invalid_sort_key");
    assertError(api.get(path + "?ttl=x"), 400, "bad_request");
    assertError(api.get(path + "?zone_id=" + zoneId), 400, "bad_request");
    assertError(
        client("q-" + unique()).withHeader("X-Roles", "member").get(path), 404, "zone_not_found");
  }

  @Test
  void crossZoneRecordsetsListOnlyTheProjectsOwn() {
    String first = "x1-" + unique() + ".example.org.";
    String second = "x2-" + unique() + ".example.org.";
    String firstId = createZone(api, first);
    String secondId = createZone(api, second);
    String aId = createRecordset(api, firstId, "a." + first, "A", "[\"192.0.2.7\"]", null);
    createRecordset(api, secondId, "b." + second, "A", "[\"192.0.2.8\"]", null);
    ApiClient stranger = client("q-" + unique()).withHeader("X-Roles", "member");
    String strangerZone = "x3-" + unique() + ".example.org.";
    String strangerZoneId = createZone(stranger, strangerZone);
    String strangerRs =
        createRecordset(
            stranger, strangerZoneId, "c." + strangerZone, "A", "[\"192.0.2.9\"]", null);

    ApiClient.Response list = api.get("/v2/recordsets?type=A&sort_key=name");
    assertThat(values(list, "recordsets", "name")).containsExactly("a." + first, "b." + second);
    assertThat(values(list, "recordsets", "zone_name")).containsExactly(first, second);
    assertThat(list.body().get("metadata").get("total_count").asInt()).isEqualTo(2);
    assertThat(values(api.get("/v2/recordsets"), "recordsets", "zone_id"))
        .hasSize(6)
        .containsOnly(firstId, secondId);
    assertThat(allPages(api, "/v2/recordsets?limit=2&sort_key=zone_id", "recordsets", "zone_id"))
        .hasSize(6)
        .isSortedAccordingTo(Comparator.naturalOrder());
    assertThat(values(api.get("/v2/recordsets?data=192.0.2.9"), "recordsets", "name")).isEmpty();

    ApiClient.Response redirect = api.get("/v2/recordsets/" + aId);
    assertThat(redirect.status()).isEqualTo(301);
    assertThat(redirect.header("Location")).endsWith("/v2/zones/" + firstId + "/recordsets/" + aId);
    assertError(api.get("/v2/recordsets/" + strangerRs), 404, "recordset_not_found");

    ApiClient everyone = admin.withHeader("X-Auth-All-Projects", "True");
    assertThat(values(everyone.get("/v2/recordsets?data=192.0.2.9"), "recordsets", "zone_name"))
        .containsExactly(strangerZone);
    assertThat(everyone.get("/v2/recordsets/" + strangerRs).status()).isEqualTo(301);
  }

  // ---- roles and projects --------------------------------------------------------------------

  @Test
  void allProjectsAndSudoAreForAdminsOnly() {
    String id = unique();
    String mine = "mine-" + id + ".example.org.";
    String mineId = createZone(api, mine);
    String otherProject = "q-" + id;
    String theirs = "theirs-" + id + ".example.org.";
    createZone(client(otherProject).withHeader("X-Roles", "member"), theirs);

    assertError(api.withHeader("X-Auth-All-Projects", "True").get("/v2/zones"), 403, "forbidden");
    assertError(api.get("/v2/zones?all_projects=true"), 403, "forbidden");
    assertError(
        api.withHeader("X-Auth-Sudo-Project-ID", otherProject).get("/v2/zones"), 403, "forbidden");
    assertError(
        api.withHeader("X-Auth-Sudo-Tenant-ID", otherProject).get("/v2/zones"), 403, "forbidden");
    assertError(
        client(project)
            .withHeader("X-Roles", "reader, Member")
            .withHeader("X-Auth-All-Projects", "yes")
            .get("/v2/zones"),
        403,
        "forbidden");

    ApiClient everyone = admin.withHeader("X-Auth-All-Projects", "True");
    assertThat(values(everyone.get("/v2/zones?name=*-" + id + ".example.org."), "zones", "name"))
        .containsExactlyInAnyOrder(mine, theirs);
    assertThat(
            values(
                admin.get("/v2/zones?all_tenants=1&name=*-" + id + ".example.org."),
                "zones",
                "name"))
        .containsExactlyInAnyOrder(mine, theirs);
    assertThat(
            values(
                everyone.get("/v2/zones?sort_key=tenant_id&sort_dir=desc&name=*-" + id + "*"),
                "zones",
                "project_id"))
        .containsExactly(otherProject, project);
    assertThat(values(admin.get("/v2/zones?name=*-" + id + ".example.org."), "zones", "name"))
        .isEmpty();
    assertThat(everyone.get("/v2/zones/" + mineId).status()).isEqualTo(200);
    assertError(admin.get("/v2/zones/" + mineId), 404, "zone_not_found");
    // an admin with all-projects changes another project's zone; the recordset stays that project's
    ApiClient.Response recordset =
        everyone.post(
            "/v2/zones/" + mineId + "/recordsets",
            "{\"name\":\"adm." + mine + "\",\"type\":\"A\",\"records\":[\"192.0.2.1\"]}");
    assertThat(recordset.status()).isEqualTo(202);
    assertThat(recordset.body().get("project_id").asString()).isEqualTo(project);
    assertThat(values(api.get("/v2/recordsets?type=A"), "recordsets", "name"))
        .containsExactly("adm." + mine);

    ApiClient sudo = admin.withHeader("X-Auth-Sudo-Project-ID", otherProject);
    assertThat(values(sudo.get("/v2/zones"), "zones", "name")).containsExactly(theirs);
    ApiClient.Response created =
        sudo.post(
            "/v2/zones", zoneJson("sudo-" + id + ".example.org.", "a@example.org", null, null));
    assertThat(created.status()).isEqualTo(202);
    assertThat(created.body().get("project_id").asString()).isEqualTo(otherProject);
  }

  @Test
  void withoutXRolesARequestIsAdminAsInDesignatesNoauthMode() {
    ApiClient noRoles = client(project);
    assertThat(noRoles.get("/v2/pools").status()).isEqualTo(200);
    assertThat(noRoles.withHeader("X-Auth-All-Projects", "true").get("/v2/zones").status())
        .isEqualTo(200);
    assertError(api.get("/v2/pools"), 403, "forbidden");
  }

  // ---- quotas
  // ------------------------------------------------------------------------------------

  @Test
  void quotasAreReadSetAndResetWithDesignatesPolicies() {
    ApiClient.Response defaults = api.get("/v2/quotas/" + project);
    assertThat(defaults.status()).isEqualTo(200);
    assertThat(defaults.body().get("zones").asInt()).isEqualTo(10);
    assertThat(defaults.body().get("zone_recordsets").asInt()).isEqualTo(500);
    assertThat(defaults.body().get("zone_records").asInt()).isEqualTo(500);
    assertThat(defaults.body().get("recordset_records").asInt()).isEqualTo(20);
    assertThat(defaults.body().get("api_export_size").asInt()).isEqualTo(1000);
    assertThat(api.get("/v2/quotas").body()).isEqualTo(defaults.body());

    assertError(api.get("/v2/quotas/someone-else"), 403, "forbidden");
    assertError(api.patch("/v2/quotas/" + project, "{\"zones\":50}"), 403, "forbidden");
    assertError(admin.patch("/v2/quotas/" + project, "{\"zones\":50}"), 403, "forbidden");
    ApiClient everyone = admin.withHeader("X-Auth-All-Projects", "True");
    assertError(everyone.patch("/v2/quotas/" + project, "{\"zonez\":50}"), 400, "invalid_object");
    assertError(everyone.patch("/v2/quotas/" + project, "{\"zones\":-2}"), 400, "invalid_object");
    assertError(
        everyone.patch("/v2/quotas/" + project, "{\"zones\":2147483648}"), 400, "invalid_object");
    assertError(
        everyone.patch("/v2/quotas/" + project, "{\"zones\":\"5\"}"), 400, "invalid_object");

    ApiClient.Response set =
        everyone.patch("/v2/quotas/" + project, "{\"zones\":50,\"recordset_records\":-1}");
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.body().get("zones").asInt()).isEqualTo(50);
    assertThat(set.body().get("recordset_records").asInt()).isEqualTo(-1);
    assertThat(set.body().get("zone_records").asInt()).isEqualTo(500);
    assertThat(api.get("/v2/quotas/" + project).body().get("zones").asInt()).isEqualTo(50);
    assertThat(admin.get("/v2/quotas/" + project).body().get("zones").asInt()).isEqualTo(50);

    assertError(api.delete("/v2/quotas/" + project), 403, "forbidden");
    assertThat(admin.delete("/v2/quotas/" + project).status()).isEqualTo(204);
    assertThat(api.get("/v2/quotas/" + project).body()).isEqualTo(defaults.body());
  }

  /** The zone's counts kept in its row (V76) and the rows it has, as "recordsets records". */
  private List<String> countsKeptAndCounted(String zoneId) {
    return jdbc.queryForObject(
        """
        select z.recordset_count || ' ' || z.record_count,
               (select count(*) from recordsets r where r.zone_id = z.id) || ' '
                 || (select count(*) from records d where d.zone_id = z.id)
        from zones z where z.id = cast(? as uuid)
        """,
        (rs, row) -> List.of(rs.getString(1), rs.getString(2)),
        zoneId);
  }

  @Test
  void theCountsAZoneKeepsForItsQuotasFollowEveryChange() {
    ApiClient everyone = admin.withHeader("X-Auth-All-Projects", "True");
    everyone.patch("/v2/quotas/" + project, "{\"zone_recordsets\":6,\"zone_records\":5}");
    String zoneName = "counts-" + unique() + ".example.org.";
    String zoneId = createZone(api, zoneName);
    String path = "/v2/zones/" + zoneId + "/recordsets";
    List<String> created = countsKeptAndCounted(zoneId);
    assertThat(created.getFirst()).isEqualTo(created.getLast()).startsWith("2 ");

    String www = createRecordset(api, zoneId, "www." + zoneName, "A", "[\"192.0.2.1\"]", null);
    String mail =
        createRecordset(
            api, zoneId, "mail." + zoneName, "A", "[\"192.0.2.2\",\"192.0.2.3\"]", null);
    assertThat(api.put(path + "/" + www, "{\"records\":[\"192.0.2.4\",\"192.0.2.5\"]}").status())
        .isEqualTo(202);
    List<String> changed = countsKeptAndCounted(zoneId);
    assertThat(changed.getFirst()).isEqualTo(changed.getLast()).startsWith("4 ");
    // 4 of the zone's 5 records are its own (the managed SOA and NS do not count): one more fits
    ApiClient.Response overZone =
        api.post(
            path,
            "{\"name\":\"two."
                + zoneName
                + "\",\"type\":\"A\",\"records\":"
                + "[\"192.0.2.6\",\"192.0.2.7\"]}");
    assertError(overZone, 413, "over_quota");
    assertThat(overZone.body().get("message").asString())
        .isEqualTo("Quota exceeded for zone_records.");
    // replacing a recordset's records counts its new records instead of its old ones
    assertThat(
            api.put(path + "/" + mail, "{\"records\":[\"192.0.2.2\",\"192.0.2.3\",\"192.0.2.8\"]}")
                .status())
        .isEqualTo(202);
    assertThat(api.delete(path + "/" + www).status()).isEqualTo(202);
    List<String> deleted = countsKeptAndCounted(zoneId);
    assertThat(deleted.getFirst()).isEqualTo(deleted.getLast()).startsWith("3 ");
    everyone.patch("/v2/quotas/" + project, "{\"zone_records\":100}");
    createRecordset(api, zoneId, "txt." + zoneName, "TXT", "[\"x\"]", null);
    createRecordset(api, zoneId, "txt2." + zoneName, "TXT", "[\"y\"]", null);
    List<String> full = countsKeptAndCounted(zoneId);
    assertThat(full.getFirst()).isEqualTo(full.getLast()).startsWith("5 ");
    // SOA, NS, mail, txt, txt2 and one more make the 6 recordsets the quota allows
    createRecordset(api, zoneId, "txt3." + zoneName, "TXT", "[\"z\"]", null);
    ApiClient.Response seventh =
        api.post(path, "{\"name\":\"txt4." + zoneName + "\",\"type\":\"TXT\",\"records\":[\"w\"]}");
    assertError(seventh, 413, "over_quota");
    assertThat(seventh.body().get("message").asString())
        .isEqualTo("Quota exceeded for zone_recordsets.");
    everyone.patch("/v2/quotas/" + project, "{\"zone_recordsets\":-1,\"zone_records\":-1}");
  }

  @Test
  void changesOverAQuotaAre413AndStoreNothing() {
    ApiClient everyone = admin.withHeader("X-Auth-All-Projects", "True");
    everyone.patch(
        "/v2/quotas/" + project,
        "{\"zones\":1,\"zone_recordsets\":4,\"zone_records\":4,\"recordset_records\":3}");
    String zoneName = "q-" + unique() + ".example.org.";
    String zoneId = createZone(api, zoneName);

    ApiClient.Response secondZone =
        api.post(
            "/v2/zones", zoneJson("q2-" + unique() + ".example.org.", "a@example.org", null, null));
    assertError(secondZone, 413, "over_quota");
    assertThat(secondZone.body().get("message").asString()).isEqualTo("Quota exceeded for zones.");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from zones where project_id = ?", Long.class, project))
        .isEqualTo(1);

    String path = "/v2/zones/" + zoneId + "/recordsets";
    ApiClient.Response tooManyRecords =
        api.post(
            path,
            "{\"name\":\"big."
                + zoneName
                + "\",\"type\":\"A\",\"records\":"
                + "[\"192.0.2.1\",\"192.0.2.2\",\"192.0.2.3\",\"192.0.2.4\"]}");
    assertError(tooManyRecords, 413, "over_quota");
    assertThat(tooManyRecords.body().get("message").asString())
        .isEqualTo("Quota exceeded for recordset_records.");
    String one =
        createRecordset(api, zoneId, "one." + zoneName, "A", "[\"192.0.2.1\",\"192.0.2.2\"]", null);
    // 2 records in the zone: growing this recordset to 3 fits, another with 3 more does not
    ApiClient.Response overZone =
        api.post(
            path,
            "{\"name\":\"two."
                + zoneName
                + "\",\"type\":\"A\",\"records\":"
                + "[\"192.0.2.1\",\"192.0.2.2\",\"192.0.2.3\"]}");
    assertError(overZone, 413, "over_quota");
    assertThat(overZone.body().get("message").asString())
        .isEqualTo("Quota exceeded for zone_records.");
    assertThat(
            api.put(path + "/" + one, "{\"records\":[\"192.0.2.1\",\"192.0.2.2\",\"192.0.2.3\"]}")
                .status())
        .isEqualTo(202);
    assertError(
        api.put(
            path + "/" + one,
            "{\"records\":[\"192.0.2.1\",\"192.0.2.2\",\"192.0.2.3\",\"192.0.2.4\",\"192.0.2.5\"]}"),
        413,
        "over_quota");
    // SOA, NS, one and three make the 4 recordsets the quota allows
    createRecordset(api, zoneId, "three." + zoneName, "TXT", "[\"x\"]", null);
    ApiClient.Response fifth =
        api.post(path, "{\"name\":\"four." + zoneName + "\",\"type\":\"TXT\",\"records\":[\"y\"]}");
    assertError(fifth, 413, "over_quota");
    assertThat(fifth.body().get("message").asString())
        .isEqualTo("Quota exceeded for zone_recordsets.");
    assertThat(values(api.get(path), "recordsets", "name")).hasSize(4);

    everyone.patch("/v2/quotas/" + project, "{\"zones\":-1}");
    createZone(api, "q3-" + unique() + ".example.org.");
  }

  // ---- TLDs and blacklists -------------------------------------------------------------------

  @Test
  void tldsAreAdminOnlyAndZonesMustBeUnderOne() {
    ApiClient.Response created =
        admin.post("/v2/tlds", "{\"name\":\"Test\",\"description\":\"tld description\"}");
    assertThat(created.status()).isEqualTo(201);
    String testId = created.body().get("id").asString();
    try {
      assertThat(created.body().get("name").asString()).isEqualTo("test");
      assertThat(created.header("Location")).endsWith("/v2/tlds/" + testId);
      String coId = admin.post("/v2/tlds", "{\"name\":\"co.test\"}").body().get("id").asString();

      ApiClient.Response outside =
          api.post(
              "/v2/zones",
              zoneJson("a-" + unique() + ".example.org.", "a@example.org", null, null));
      assertError(outside, 400, "invalid_zone_name");
      assertThat(outside.body().get("message").asString()).isEqualTo("Invalid TLD");
      ApiClient.Response same =
          api.post("/v2/zones", zoneJson("co.test.", "a@example.org", null, null));
      assertError(same, 400, "invalid_zone_name");
      assertThat(same.body().get("message").asString())
          .isEqualTo("Zone name cannot be the same as a TLD");
      createZone(api, "a-" + unique() + ".test.");
      createZone(api, "b-" + unique() + ".co.test.");

      assertThat(values(admin.get("/v2/tlds?sort_key=name"), "tlds", "name"))
          .containsExactly("co.test", "test");
      assertThat(values(admin.get("/v2/tlds?name=co*"), "tlds", "name")).containsExactly("co.test");
      assertThat(values(admin.get("/v2/tlds?limit=1&sort_key=name&sort_dir=desc"), "tlds", "name"))
          .containsExactly("test");
      assertThat(admin.get("/v2/tlds/" + testId).body().get("description").asString())
          .isEqualTo("tld description");
      ApiClient.Response patched = admin.patch("/v2/tlds/" + coId, "{\"description\":\"second\"}");
      assertThat(patched.status()).isEqualTo(200);
      assertThat(patched.body().get("description").asString()).isEqualTo("second");
      assertThat(patched.body().get("updated_at").isNull()).isFalse();

      assertError(admin.post("/v2/tlds", "{\"name\":\"test\"}"), 409, "duplicate_tld");
      assertError(admin.patch("/v2/tlds/" + coId, "{\"name\":\"test\"}"), 409, "duplicate_tld");
      assertError(admin.post("/v2/tlds", "{\"name\":\"-bad\"}"), 400, "invalid_object");
      assertError(admin.post("/v2/tlds", "{\"name\":\"dot.\"}"), 400, "invalid_object");
      assertError(admin.post("/v2/tlds", "{\"description\":\"x\"}"), 400, "invalid_object");
      assertError(admin.get("/v2/tlds/" + UUID.randomUUID()), 404, "tld_not_found");
      assertError(admin.get("/v2/tlds?sort_key=description"), 400, "invalid_sort_key");
      assertError(api.post("/v2/tlds", "{\"name\":\"org\"}"), 403, "forbidden");
      assertError(api.get("/v2/tlds"), 403, "forbidden");
      assertError(api.get("/v2/tlds/" + testId), 403, "forbidden");
      assertError(api.patch("/v2/tlds/" + testId, "{\"description\":\"x\"}"), 403, "forbidden");
      assertError(api.delete("/v2/tlds/" + testId), 403, "forbidden");

      assertThat(admin.delete("/v2/tlds/" + coId).status()).isEqualTo(204);
      assertError(admin.delete("/v2/tlds/" + coId), 404, "tld_not_found");
    } finally {
      jdbc.update("delete from tlds");
    }
    createZone(api, "a-" + unique() + ".example.org.");
  }

  @Test
  void blacklistedNamesAreRefusedExceptForAdmins() {
    String pattern = "^([A-Za-z0-9_\\\\-]+\\\\.)*blocked\\\\.org\\\\.$";
    ApiClient.Response created =
        admin.post("/v2/blacklists", "{\"pattern\":\"" + pattern + "\",\"description\":\"no\"}");
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    String id = created.body().get("id").asString();
    try {
      assertThat(created.body().get("pattern").asString())
          .isEqualTo("^([A-Za-z0-9_\\-]+\\.)*blocked\\.org\\.$");
      assertThat(created.header("Location")).endsWith("/v2/blacklists/" + id);

      ApiClient.Response refused =
          api.post("/v2/zones", zoneJson("a.blocked.org.", "a@example.org", null, null));
      assertError(refused, 400, "invalid_zone_name");
      assertThat(refused.body().get("message").asString()).isEqualTo("Blacklisted zone name");
      createZone(api, "a.notblocked-" + unique() + ".org.");
      createZone(admin, "b-" + unique() + ".blocked.org.");

      assertThat(values(admin.get("/v2/blacklists?pattern=*blocked*"), "blacklists", "id"))
          .containsExactly(id);
      assertThat(values(admin.get("/v2/blacklists?pattern=nothing"), "blacklists", "id")).isEmpty();
      assertThat(admin.get("/v2/blacklists/" + id).body().get("description").asString())
          .isEqualTo("no");
      ApiClient.Response patched =
          admin.patch("/v2/blacklists/" + id, "{\"pattern\":\"^other\\\\.org\\\\.$\"}");
      assertThat(patched.status()).isEqualTo(200);
      createZone(api, "c-" + unique() + ".blocked.org.");
      assertError(
          api.post("/v2/zones", zoneJson("other.org.", "a@example.org", null, null)),
          400,
          "invalid_zone_name");

      // a pattern that backtracks without end counts as a match once its time is up
      String slow =
          admin.post("/v2/blacklists", "{\"pattern\":\"(.*a){12}$\"}").body().get("id").asString();
      assertError(
          api.post("/v2/zones", zoneJson("a".repeat(40) + ".org.", "a@example.org", null, null)),
          400,
          "invalid_zone_name");
      admin.delete("/v2/blacklists/" + slow);

      assertError(admin.post("/v2/blacklists", "{\"pattern\":\"(\"}"), 400, "invalid_object");
      assertError(
          admin.post("/v2/blacklists", "{\"pattern\":\"^other\\\\.org\\\\.$\"}"),
          409,
          "duplicate_blacklist");
      assertError(admin.get("/v2/blacklists/" + UUID.randomUUID()), 404, "blacklist_not_found");
      assertError(api.post("/v2/blacklists", "{\"pattern\":\"x\"}"), 403, "forbidden");
      assertError(api.get("/v2/blacklists"), 403, "forbidden");
      assertError(api.delete("/v2/blacklists/" + id), 403, "forbidden");
      assertThat(admin.delete("/v2/blacklists/" + id).status()).isEqualTo(204);
      createZone(api, "other.org.");
    } finally {
      jdbc.update("delete from blacklists");
    }
  }

  @Test
  void tldAndBlacklistBodiesListsAndErrorsAreWordForWordDesignates() {
    try {
      ApiClient.Response tld = admin.post("/v2/tlds", "{\"name\":\"words\"}");
      String tldId = tld.body().get("id").asString();
      assertThat(tld.body().propertyNames())
          .containsExactly("id", "name", "description", "created_at", "updated_at", "links");
      assertThat(tld.body().get("description").isNull()).isTrue();
      assertThat(tld.body().get("updated_at").isNull()).isTrue();
      assertThat(tld.body().get("links").propertyNames()).containsExactly("self");
      assertThat(tld.body().get("links").get("self").asString())
          .isEqualTo(tld.header("Location"))
          .endsWith("/v2/tlds/" + tldId);
      admin.post("/v2/tlds", "{\"name\":\"other-words\"}");

      JsonNode page = admin.get("/v2/tlds?sort_key=name&limit=1").body();
      assertThat(page.propertyNames()).containsExactly("tlds", "links", "metadata");
      assertThat(page.get("links").get("self").asString())
          .endsWith("/v2/tlds?sort_key=name&limit=1");
      String lastId = page.get("tlds").get(0).get("id").asString();
      assertThat(page.get("links").get("next").asString())
          .endsWith("/v2/tlds?sort_key=name&limit=1&marker=" + lastId);
      assertThat(page.get("metadata").get("total_count").asInt()).isEqualTo(2);

      assertMessage(admin.post("/v2/tlds", "{\"name\":\"words\"}"), "TLD words already exists");
      UUID missing = UUID.randomUUID();
      assertMessage(admin.get("/v2/tlds/" + missing), "Could not find Tld " + missing);
      assertMessage(api.get("/v2/tlds"), "Only the admin role may list TLDs");
      assertMessage(api.get("/v2/tlds/" + tldId), "Only the admin role may read TLDs");
      assertMessage(
          api.post("/v2/tlds", "{\"name\":\"org\"}"), "Only the admin role may create TLDs");
      assertMessage(api.patch("/v2/tlds/" + tldId, "{}"), "Only the admin role may change TLDs");
      assertMessage(api.delete("/v2/tlds/" + tldId), "Only the admin role may delete TLDs");

      ApiClient.Response blacklist =
          admin.post("/v2/blacklists", "{\"pattern\":\"^words$\",\"description\":\"d\"}");
      String blacklistId = blacklist.body().get("id").asString();
      assertThat(blacklist.body().propertyNames())
          .containsExactly("id", "pattern", "description", "created_at", "updated_at", "links");
      assertThat(blacklist.body().get("links").get("self").asString())
          .isEqualTo(blacklist.header("Location"))
          .endsWith("/v2/blacklists/" + blacklistId);
      // read back: the creation's answer truncates the clock's nanoseconds, PostgreSQL rounds them
      String createdAt =
          admin.get("/v2/blacklists/" + blacklistId).body().get("created_at").asString();
      JsonNode patched =
          admin.patch("/v2/blacklists/" + blacklistId, "{\"description\":null}").body();
      assertThat(patched.get("pattern").asString()).isEqualTo("^words$");
      assertThat(patched.get("description").isNull()).isTrue();
      assertThat(patched.get("created_at").asString()).isEqualTo(createdAt);
      assertThat(patched.get("updated_at").isNull()).isFalse();

      JsonNode blacklists = admin.get("/v2/blacklists").body();
      assertThat(blacklists.propertyNames()).containsExactly("blacklists", "links", "metadata");
      assertThat(blacklists.get("links").propertyNames()).containsExactly("self");
      assertThat(blacklists.get("links").get("self").asString()).endsWith("/v2/blacklists");
      assertThat(blacklists.get("metadata").get("total_count").asInt()).isEqualTo(1);

      assertMessage(
          admin.post("/v2/blacklists", "{\"pattern\":\"^words$\"}"),
          "Blacklist ^words$ already exists");
      assertMessage(
          admin.delete("/v2/blacklists/" + missing), "Could not find Blacklist " + missing);
      assertMessage(api.get("/v2/blacklists"), "Only the admin role may list blacklists");
      assertMessage(
          api.patch("/v2/blacklists/" + blacklistId, "{}"),
          "Only the admin role may change blacklists");
    } finally {
      jdbc.update("delete from tlds");
      jdbc.update("delete from blacklists");
    }
  }

  private static void assertMessage(ApiClient.Response response, String message) {
    assertThat(response.body().get("message").asString())
        .as("%s: %s", response.status(), response.body())
        .isEqualTo(message);
  }

  // ---- pools and versions --------------------------------------------------------------------

  @Test
  void poolsAndVersionsAreServedAsDesignateServesThem() {
    ApiClient.Response pools = admin.get("/v2/pools");
    assertThat(pools.status()).isEqualTo(200);
    assertThat(pools.body().get("metadata").get("total_count").asInt()).isEqualTo(1);
    JsonNode pool = pools.body().get("pools").get(0);
    assertThat(pool.get("id").asString()).isEqualTo("794ccc2c-d751-44fe-b57f-8894c9f5c842");
    assertThat(pool.get("name").asString()).isEqualTo("default");
    assertThat(pool.get("description").asString()).isEqualTo("test pool");
    assertThat(pool.get("ns_records").get(0).get("hostname").asString())
        .isEqualTo("ns1.zonecast.test.");
    assertThat(pool.get("ns_records").get(1).get("priority").asInt()).isEqualTo(2);
    assertThat(pool.get("links").get("self").asString())
        .endsWith("/v2/pools/794ccc2c-d751-44fe-b57f-8894c9f5c842");
    assertThat(admin.get("/v2/pools/794ccc2c-d751-44fe-b57f-8894c9f5c842").body()).isEqualTo(pool);
    assertError(admin.get("/v2/pools/" + UUID.randomUUID()), 404, "pool_not_found");
    assertError(api.get("/v2/pools/794ccc2c-d751-44fe-b57f-8894c9f5c842"), 403, "forbidden");

    ApiClient.Response versions = api.get("/");
    assertThat(versions.status()).isEqualTo(200);
    assertThat(versions.body().get("versions").valueStream().map(v -> v.get("id").asString()))
        .containsExactly("v2", "v2.0", "v2.1");
    JsonNode current = versions.body().get("versions").get(2);
    assertThat(current.get("status").asString()).isEqualTo("CURRENT");
    assertThat(current.get("links").get(0).get("href").asString())
        .isEqualTo("http://127.0.0.1:" + port + "/v2");
    assertThat(current.get("links").get(1).get("rel").asString()).isEqualTo("help");
  }
}
