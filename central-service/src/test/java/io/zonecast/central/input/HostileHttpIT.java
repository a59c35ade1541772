package io.zonecast.central.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.testsupport.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16, findings 2, 3, 5 and 9 over raw sockets against central on a real port with a real
 * PostgreSQL: every refusal is the API's error body with the request id, input is taken exactly or
 * refused, and the body limit holds whatever the framing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileHttpIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("central_hostile_http_it");
  static final int MAX_REQUEST_BYTES = 1_048_576;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add(
        "zonecast.central.pools-file",
        () -> HostileHttpIT.class.getResource("/test-pools.yaml").getPath());
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @LocalServerPort int port;

  // finding 5: errors of the HTTP stack

  @Test
  void anEncodedSlashInThePathIsTheApisBadRequest() throws Exception {
    assertApiError(get("/v2/zones/a%2Fb"), 400);
  }

  @Test
  void aHeaderSectionOverTheLimitIsTheApisBadRequest() throws Exception {
    RawHttp.Response response =
        RawHttp.send(
            port,
            "GET /v2/zones HTTP/1.1\r\nHost: x\r\nX-Big: "
                + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
    assertApiError(response, 400);
  }

  @Test
  void aControlCharacterInAHeaderIsTheApisBadRequest() throws Exception {
    assertApiError(
        RawHttp.send(
            port,
            "GET /v2/zones HTTP/1.1\r\nHost: x\r\nX-Auth-Project-ID: a\u0001b\r\n"
                + "Connection: close\r\n\r\n"),
        400);
  }

  @Test
  void pathsThatAreNotNormalisedAreTheApisBadRequest() throws Exception {
    for (String path :
        new String[] {
          "/v2/zones/../..",
          "/v2/zones/..",
          "/v2/zones;jsessionid=abc",
          "//v2//zones",
          "/v2/zones/%2e%2e/x",
          "/v2/./zones"
        }) {
      assertApiError(get(path), 400);
    }
  }

  @Test
  void traceAndUnknownMethodsAreTheApisMethodNotAllowed() throws Exception {
    for (String method : new String[] {"TRACE", "FOO", "PROPFIND", "CONNECT"}) {
      RawHttp.Response response =
          RawHttp.send(
              port, method + " /v2/zones HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertApiError(response, 405);
      assertThat(response.header("Allow")).contains("GET").doesNotContain("TRACE");
    }
  }

  @Test
  void unknownPathsAndWrongMethodsAreTheApis404And405() throws Exception {
    assertApiError(get("/nothing/here"), 404);
    assertApiError(get("/error"), 404);
    assertApiError(
        RawHttp.send(port, "DELETE /v2/zones HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        405);
  }

  // finding 2: the body limit on the bytes read

  @Test
  void aChunkedBodyOverTheLimitIs413AndIsNotReadWhole() throws Exception {
    byte[] body =
        RawHttp.chunked(
            "{\"name\":\"big.example.org.\",\"email\":\"a@example.org\",\"description\":\""
                .getBytes(StandardCharsets.US_ASCII),
            10_000_000,
            (byte) 'x',
            "\"}".getBytes(StandardCharsets.US_ASCII),
            65_536);
    RawHttp.Response response = post("/v2/zones", "application/json", body, true);
    assertApiError(response, 413);
    assertThat(response.json().get("type").asString()).isEqualTo("request_body_too_large");
    assertThat(response.json().get("message").asString())
        .isEqualTo("The request body is larger than " + MAX_REQUEST_BYTES + " bytes");
  }

  @Test
  void aChunkedJsonZoneImportOverTheLimitIs413() throws Exception {
    byte[] body =
        RawHttp.chunked(
            "{\"zonefile\":\"".getBytes(StandardCharsets.US_ASCII),
            3_000_000,
            (byte) ';',
            "\"}".getBytes(StandardCharsets.US_ASCII),
            8192);
    RawHttp.Response response = post("/v2/zones/tasks/imports", "application/json", body, true);
    assertApiError(response, 413);
    assertThat(response.json().get("type").asString()).isEqualTo("request_body_too_large");
  }

  // finding 1: what cannot go on the wire is not stored

  /** {@code count} quoted strings of {@code octets} characters each, as JSON string content. */
  private static String txt(int count, int octets) {
    return String.join(
        " ", java.util.Collections.nCopies(count, "\\\"" + "x".repeat(octets) + "\\\""));
  }

  @Test
  void aTxtRecordsetOverDnsLimitsIsRefusedAtTheApiNamingTheLimit() throws Exception {
    String zoneId = createZone("wire.example.org.");
    RawHttp.Response response =
        postJson(
            "/v2/zones/" + zoneId + "/recordsets",
            "{\"name\":\"big.wire.example.org.\",\"type\":\"TXT\",\"records\":[\""
                + txt(280, 250)
                + "\"]}");
    assertApiError(response, 400);
    assertThat(response.json().get("message").asString())
        .isEqualTo(
            "records[0]: its data is 70,280 octets, and DNS allows at most 65,535 in one record"
                + " (RFC 1035 section 3.2.1)");
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 17; i++) {
      many.append(i == 0 ? "" : ",")
          .append("\"")
          .append(txt(16, 249))
          .append(" \\\"")
          .append(i)
          .append("\\\"\"");
    }
    RawHttp.Response rrset =
        postJson(
            "/v2/zones/" + zoneId + "/recordsets",
            "{\"name\":\"many.wire.example.org.\",\"type\":\"TXT\",\"records\":[" + many + "]}");
    assertApiError(rrset, 400);
    assertThat(rrset.json().get("message").asString())
        .startsWith("records: the TXT recordset many.wire.example.org. needs ")
        .contains("one message holds at most 65,535");
  }

  @Test
  void aZoneImportWithARecordOverDnsLimitsFailsNamingTheLine() throws Exception {
    String file =
        "$ORIGIN wire-import.example.org.\\n@ 300 IN SOA ns1 h 1 2 3 4 5\\nbig IN TXT "
            + txt(280, 250)
            + "\\n";
    RawHttp.Response started =
        postJson("/v2/zones/tasks/imports", "{\"zonefile\":\"" + file + "\"}");
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    String task = started.json().get("id").asString();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(60))
        .until(() ->
            !get("/v2/zones/tasks/imports/" + task)
                .json()
                .get("status")
                .asString()
                .equals("PENDING"));
    JsonNode done = get("/v2/zones/tasks/imports/" + task).json();
    assertThat(done.get("status").asString()).isEqualTo("ERROR");
    assertThat(done.get("message").asString())
        .isEqualTo(
            "line 3: the TXT record of big.wire-import.example.org.: its data is 70,280 octets, and"
                + " DNS allows at most 65,535 in one record (RFC 1035 section 3.2.1)");
    assertThat(zoneIdOf("wire-import.example.org.")).isEqualTo("none");
  }

  // finding 6: reserved names

  @Test
  void reservedNamesAreForAdminsOnly() throws Exception {
    for (String name :
        new String[] {
          "in-addr.arpa.",
          "2.0.192.in-addr.arpa.",
          "x.localhost.",
          "a.test.",
          "zonecast.test.",
          "b.onion."
        }) {
      RawHttp.Response response =
          post(
              "/v2/zones",
              "application/json",
              ("{\"name\":\"" + name + "\",\"email\":\"a@example.org\"}")
                  .getBytes(StandardCharsets.UTF_8),
              false,
              "X-Roles: member\r\n");
      assertApiError(response, 400);
      assertThat(response.json().get("type").asString()).isEqualTo("invalid_zone_name");
      assertThat(response.json().get("message").asString())
          .startsWith("Zone name " + name + " is reserved (")
          .endsWith("and the names below it): only an admin may create it");
    }
    assertThat(createZone("ip6.arpa.")).isNotEmpty(); // an admin may
    RawHttp.Response member =
        post(
            "/v2/zones",
            "application/json",
            "{\"name\":\"not-reserved.example.org.\",\"email\":\"a@example.org\"}"
                .getBytes(StandardCharsets.UTF_8),
            false,
            "X-Roles: member\r\n");
    assertThat(member.status()).as(member.text()).isEqualTo(202);
  }

  // finding 3: NUL and what PostgreSQL cannot hold

  @Test
  void nulInADescriptionIsRefusedBeforeAnyQuery() throws Exception {
    RawHttp.Response response =
        postJson(
            "/v2/zones",
            "{\"name\":\"nul-desc.example.org.\",\"email\":\"a@example.org\","
                + "\"description\":\"a\\u0000b\"}");
    assertApiError(response, 400);
    assertThat(response.json().get("type").asString()).isEqualTo("invalid_object");
    assertThat(response.json().get("message").asString())
        .isEqualTo("'description' contains U+0000 (NUL), which cannot be stored");
    assertApiError(get("/v2/zones/" + zoneIdOf("nul-desc.example.org.")), 404);
  }

  @Test
  void nulInAFilterOrAnyQueryParameterIsRefused() throws Exception {
    for (String path :
        new String[] {
          "/v2/zones?name=a%00b",
          "/v2/zones?description=%00",
          "/v2/recordsets?data=x%00",
          "/v2/zones?a%00=1",
          "/v2/tlds?name=%00",
          "/v2/zones?name=%ff",
          "/v2/zones?name=%zz",
          "/v2/zones?name=%ed%a0%80"
        }) {
      RawHttp.Response response = get(path);
      assertApiError(response, 400);
      assertThat(response.json().get("type").asString()).as(path).isEqualTo("bad_request");
    }
  }

  @Test
  void nulInARecordsetOrTldIsRefused() throws Exception {
    String zoneId = createZone("nul-rs.example.org.");
    RawHttp.Response recordset =
        postJson(
            "/v2/zones/" + zoneId + "/recordsets",
            "{\"name\":\"www.nul-rs.example.org.\",\"type\":\"TXT\",\"records\":[\"\\\"a\\u0000\\\"\"]}");
    assertApiError(recordset, 400);
    assertThat(recordset.json().get("message").asString())
        .isEqualTo("'records[0]' contains U+0000 (NUL), which cannot be stored");
    RawHttp.Response name =
        postJson(
            "/v2/zones/" + zoneId + "/recordsets",
            "{\"name\":\"w\\u0000w.nul-rs.example.org.\",\"type\":\"A\",\"records\":[\"192.0.2.1\"]}");
    assertApiError(name, 400);
    RawHttp.Response blacklist = postJson("/v2/blacklists", "{\"pattern\":\"a\\u0000\"}");
    assertApiError(blacklist, 400);
  }

  // finding 9: taken exactly or refused

  @Test
  void aLoneSurrogateIsRefusedNotStoredAsAQuestionMark() throws Exception {
    RawHttp.Response response =
        postJson(
            "/v2/zones",
            "{\"name\":\"surrogate.example.org.\",\"email\":\"a@example.org\","
                + "\"description\":\"a\\ud800b\"}");
    assertApiError(response, 400);
    assertThat(response.json().get("message").asString())
        .isEqualTo(
            "'description' contains a lone UTF-16 surrogate (U+D800), which is not a character");
    assertApiError(get("/v2/zones/" + zoneIdOf("surrogate.example.org.")), 404);
  }

  @Test
  void whitespaceAndControlCharactersAroundAZoneNameAreRefusedNotTrimmed() throws Exception {
    for (String name :
        new String[] {
          " trim.example.org.", "trim.example.org. ", "trim.example.org.\\n", "\\ttrim.example.org."
        }) {
      RawHttp.Response response =
          postJson("/v2/zones", "{\"name\":\"" + name + "\",\"email\":\"a@example.org\"}");
      assertApiError(response, 400);
      assertThat(response.json().get("type").asString()).isEqualTo("invalid_zone_name");
    }
    assertThat(zoneIdOf("trim.example.org.")).isEqualTo("none");
  }

  @Test
  void aDuplicatedIdentityHeaderIsRefused() throws Exception {
    for (String header : new String[] {"X-Auth-Project-ID", "X-Roles"}) {
      RawHttp.Response response =
          RawHttp.send(
              port,
              "GET /v2/zones HTTP/1.1\r\nHost: x\r\n"
                  + header
                  + ": first\r\n"
                  + header
                  + ": second\r\nConnection: close\r\n\r\n");
      assertApiError(response, 400);
      assertThat(response.json().get("message").asString())
          .isEqualTo("Header " + header + " is given more than once");
    }
  }

  @Test
  void aDuplicatedJsonKeyIsRefused() throws Exception {
    RawHttp.Response response =
        postJson(
            "/v2/zones",
            "{\"name\":\"dup-a.example.org.\",\"email\":\"a@example.org\",\"name\":\"dup-b.example.org.\"}");
    assertApiError(response, 400);
    assertThat(response.json().get("type").asString()).isEqualTo("invalid_json");
    assertThat(response.json().get("message").asString()).contains("\"name\"");
    assertThat(zoneIdOf("dup-b.example.org.")).isEqualTo("none");
  }

  private String createZone(String name) throws Exception {
    RawHttp.Response created =
        postJson("/v2/zones", "{\"name\":\"" + name + "\",\"email\":\"a@example.org\"}");
    assertThat(created.status()).as(created.text()).isEqualTo(202);
    return created.json().get("id").asString();
  }

  /** The zone's id, or "none". */
  private String zoneIdOf(String name) throws Exception {
    JsonNode zones = get("/v2/zones?name=" + name).json().get("zones");
    return zones.isEmpty() ? "none" : zones.get(0).get("id").asString();
  }

  private RawHttp.Response get(String path) throws Exception {
    return RawHttp.send(
        port,
        "GET "
            + path
            + " HTTP/1.1\r\nHost: x\r\nX-Auth-Project-ID: hostile\r\nConnection: close\r\n\r\n");
  }

  private RawHttp.Response postJson(String path, String json) throws Exception {
    return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8), false);
  }

  private RawHttp.Response post(String path, String type, byte[] body, boolean chunked)
      throws Exception {
    return post(path, type, body, chunked, "");
  }

  private RawHttp.Response post(
      String path, String type, byte[] body, boolean chunked, String extraHeaders)
      throws Exception {
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: x\r\nX-Auth-Project-ID: hostile\r\n"
            + extraHeaders
            + "Content-Type: "
            + type
            + "\r\n"
            + (chunked
                ? "Transfer-Encoding: chunked\r\n"
                : "Content-Length: " + body.length + "\r\n")
            + "Connection: close\r\n\r\n";
    return RawHttp.send(port, head.getBytes(StandardCharsets.ISO_8859_1), body);
  }

  /** The API's error body: exactly its four fields, the status, and the header's request id. */
  static void assertApiError(RawHttp.Response response, int status) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.header("Content-Type")).as(response.text()).startsWith("application/json");
    JsonNode body = response.json();
    assertThat(body.propertyNames())
        .as(response.text())
        .containsExactly("code", "type", "message", "request_id");
    assertThat(body.get("code").asInt()).isEqualTo(status);
    assertThat(body.get("request_id").asString())
        .as("%s %s", response.headers(), response.text())
        .startsWith("req-")
        .isEqualTo(response.header("X-OpenStack-Request-ID"));
  }
}
