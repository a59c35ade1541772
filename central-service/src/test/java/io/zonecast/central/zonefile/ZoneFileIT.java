package io.zonecast.central.zonefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.model.central.ZoneStatusReport;
import io.zonecast.model.central.ZoneStatusReport.Outcome;
import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.runtime.amqp.AmqpNames;
import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Zone imports and exports through the API, against a real PostgreSQL and RabbitMQ. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ZoneFileIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("zone_file_it");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add(
        "zonecast.central.pools-file",
        () -> ZoneFileIT.class.getResource("/test-pools.yaml").getPath());
    registry.add("zonecast.central.quotas.zone-recordsets", () -> "-1");
    registry.add("zonecast.central.quotas.zone-records", () -> "-1");
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpNames names;

  ApiClient api;
  String zone;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port, "p-" + unique());
    zone = "z" + unique() + ".example.";
  }

  static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  String fixture() throws Exception {
    return ZoneFileParserTest.fixture("example.org.zone").replace("example.org.", zone);
  }

  ApiClient.Response startImport(String file) {
    ApiClient.Response response = api.post("/v2/zones/tasks/imports", file, "text/dns");
    assertThat(response.status()).as("%s", response.body()).isEqualTo(202);
    return response;
  }

  JsonNode finished(String taskPath) {
    return await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> api.get(taskPath).body(), t -> !t.get("status").asString().equals("PENDING"));
  }

  JsonNode imported(String file) {
    ApiClient.Response started = startImport(file);
    JsonNode task = finished(path(started.body().get("links").get("self").asString()));
    assertThat(task.get("status").asString()).as("%s", task).isEqualTo("COMPLETE");
    return task;
  }

  static String path(String link) {
    return link.substring(link.indexOf("/v2/"));
  }

  List<String> recordsets(String zoneId) {
    List<String> all = new ArrayList<>();
    JsonNode page = api.get("/v2/zones/" + zoneId + "/recordsets?limit=1000").body();
    for (JsonNode r : page.get("recordsets")) {
      Set<String> records = new TreeSet<>();
      r.get("records").forEach(d -> records.add(d.asString()));
      all.add(
          r.get("name").asString()
              + " "
              + r.get("type").asString()
              + " "
              + r.get("ttl")
              + " "
              + records);
    }
    all.sort(null);
    return all;
  }

  /** Each recordset of the zone as "status action", and how many a status filter lists. */
  List<String> statuses(String zoneId) {
    List<String> all = new ArrayList<>();
    api.get("/v2/zones/" + zoneId + "/recordsets?limit=1000")
        .body()
        .get("recordsets")
        .forEach(r -> all.add(r.get("status").asString() + " " + r.get("action").asString()));
    return all;
  }

  int listedWithStatus(String zoneId, String status) {
    return api.get("/v2/zones/" + zoneId + "/recordsets?limit=1000&status=" + status)
        .body()
        .get("recordsets")
        .size();
  }

  void report(String zoneId, Outcome outcome, String expectedStatus) {
    JsonNode zone = api.get("/v2/zones/" + zoneId).body();
    ZoneRef ref =
        new ZoneRef(
            UUID.fromString(zoneId),
            zone.get("name").asString(),
            UUID.fromString(zone.get("pool_id").asString()),
            zone.get("serial").asLong());
    rabbit.convertAndSend(
        names.exchange(),
        Messaging.ZONE_STATUS.routingKey(),
        new ZoneStatusReport(
            RequestContext.system("req-test"), ref, ZoneAction.CREATE, outcome, "ns1 timed out"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> api.get("/v2/zones/" + zoneId).body().get("status").asString(),
            expectedStatus::equals);
  }

  @Test
  void importedRecordsetsShowTheZonesCreationUntilItReachesTheTargets() throws Exception {
    String zoneId = imported(fixture()).get("zone_id").asString();
    ApiClient.Response added =
        api.post(
            "/v2/zones/" + zoneId + "/recordsets",
            "{\"name\": \"added." + zone + "\", \"type\": \"A\", \"records\": [\"192.0.2.7\"]}");
    assertThat(added.status()).as("%s", added.body()).isEqualTo(202);
    List<String> pending = statuses(zoneId);
    assertThat(pending).hasSizeGreaterThan(10).containsOnly("PENDING CREATE");
    // the counts the zone's row keeps for its quotas (V76) followed the COPY
    assertThat(
            jdbc.queryForObject(
                "select recordset_count = (select count(*) from recordsets where zone_id = z.id)"
                    + " and record_count = (select count(*) from records where zone_id = z.id)"
                    + " and recordset_count = ? from zones z where id = cast(? as uuid)",
                Boolean.class,
                pending.size(),
                zoneId))
        .isTrue();
    assertThat(listedWithStatus(zoneId, "PENDING")).isEqualTo(pending.size());
    assertThat(listedWithStatus(zoneId, "ACTIVE")).isZero();
    String someId =
        api.get("/v2/zones/" + zoneId + "/recordsets?type=MX")
            .body()
            .get("recordsets")
            .get(0)
            .get("id")
            .asString();
    assertThat(
            api.get("/v2/zones/" + zoneId + "/recordsets/" + someId)
                .body()
                .get("status")
                .asString())
        .isEqualTo("PENDING");

    report(zoneId, Outcome.ERROR, "ERROR");
    assertThat(statuses(zoneId)).hasSize(pending.size()).containsOnly("ERROR CREATE");
    assertThat(listedWithStatus(zoneId, "ERROR")).isEqualTo(pending.size());

    report(zoneId, Outcome.SUCCESS, "ACTIVE");
    assertThat(statuses(zoneId)).hasSize(pending.size()).containsOnly("ACTIVE NONE");
    assertThat(listedWithStatus(zoneId, "ACTIVE")).isEqualTo(pending.size());
    assertThat(listedWithStatus(zoneId, "PENDING")).isZero();
    assertThat(
            api.get("/v2/zones/" + zoneId + "/recordsets/" + someId)
                .body()
                .get("status")
                .asString())
        .isEqualTo("ACTIVE");
  }

  @Test
  void importCreatesTheZoneWithItsRecordsetsAndASerialNewerThanTheFiles() throws Exception {
    ApiClient.Response started = startImport(fixture());
    JsonNode pending = started.body();
    assertThat(pending.get("status").asString()).isEqualTo("PENDING");
    assertThat(pending.get("zone_id").isNull()).isTrue();
    assertThat(started.header("Location")).isEqualTo(pending.get("links").get("self").asString());

    JsonNode task = finished(path(started.header("Location")));

    assertThat(task.get("status").asString()).isEqualTo("COMPLETE");
    assertThat(task.get("message").asString()).isEqualTo(zone + " imported");
    String zoneId = task.get("zone_id").asString();
    assertThat(task.get("links").get("href").asString()).endsWith("/v2/zones/" + zoneId);
    assertThat(task.get("version").asInt()).isGreaterThan(1);
    JsonNode created = api.get("/v2/zones/" + zoneId).body();
    assertThat(created.get("name").asString()).isEqualTo(zone);
    assertThat(created.get("email").asString())
        .isEqualTo("host.master@" + zone.substring(0, zone.length() - 1));
    assertThat(created.get("ttl").asInt()).isEqualTo(3600);
    // the file's serial 2030010101 is ahead of the clock: kept, and the zone's is the next one
    assertThat(created.get("serial").asLong()).isEqualTo(2030010102L);
    assertThat(created.get("action").asString()).isEqualTo("CREATE");
    assertThat(recordsets(zoneId))
        .containsExactly(
            "*.wild." + zone + " A null [192.0.2.99]",
            "_sip._tcp." + zone + " SRV null [10 60 5060 sip." + zone + "]",
            "ftp." + zone + " CNAME null [www." + zone + "]",
            "mail." + zone + " A null [192.0.2.25]",
            "ns.sub." + zone + " A null [192.0.2.53]",
            "sub." + zone + " NS null [ns.sub." + zone + "]",
            "www." + zone + " A 300 [192.0.2.10, 192.0.2.11]",
            "www." + zone + " AAAA 300 [2001:db8::1]",
            zone + " MX null [10 mail." + zone + "]",
            // the apex NS stay the pool's, as in Designate
            zone + " NS null [ns1.zonecast.test., ns2.zonecast.test.]",
            zone
                + " SOA null [ns1.zonecast.test. host\\.master."
                + zone
                + " 2030010102 3600 600 86400 3600]",
            zone + " TXT null [\"v=spf1 mx -all\" \"second string\"]");
  }

  @Test
  void aSerialFromThePastGivesWayToTheClock() throws Exception {
    String file = fixture().replace("2030010101", "7");
    long clockBefore = Instant.now().getEpochSecond();
    String zoneId = imported(file).get("zone_id").asString();
    long serial = api.get("/v2/zones/" + zoneId).body().get("serial").asLong();
    // the serial rule max(clock, imported + 1): the clock at the import, not the file's 7
    assertThat(serial).isGreaterThanOrEqualTo(clockBefore);
  }

  @Test
  void aBadLineFailsTheWholeImportNamingTheLineAndStoresNothing() throws Exception {
    String file = fixture().replace("mail    IN A    192.0.2.25", "mail    IN A    192.0.2");

    JsonNode task = finished(path(startImport(file).header("Location")));

    assertThat(task.get("status").asString()).isEqualTo("ERROR");
    assertThat(task.get("message").asString()).isEqualTo("line 17: Invalid address: 192.0.2");
    assertThat(task.get("zone_id").isNull()).isTrue();
    assertThat(jdbc.queryForObject("select count(*) from zones where name = ?", Long.class, zone))
        .isZero();
  }

  @Test
  void quotasApplyAndAnImportOverQuotaStoresNothing() throws Exception {
    ApiClient admin = new ApiClient(port, "admin").withHeader("X-Auth-All-Projects", "True");
    String project = "q-" + unique();
    assertThat(admin.patch("/v2/quotas/" + project, "{\"zone_records\": 5}").status())
        .isEqualTo(200);
    api = new ApiClient(port, project);

    JsonNode task = finished(path(startImport(fixture()).header("Location")));

    assertThat(task.get("status").asString()).isEqualTo("ERROR");
    assertThat(task.get("message").asString()).isEqualTo("Quota exceeded for zone_records.");
    assertThat(jdbc.queryForObject("select count(*) from zones where name = ?", Long.class, zone))
        .isZero();
  }

  @Test
  void aZoneThatExistsIsNotImportedAgain() throws Exception {
    imported(fixture());

    JsonNode second = finished(path(startImport(fixture()).header("Location")));

    assertThat(second.get("status").asString()).isEqualTo("ERROR");
    assertThat(second.get("message").asString()).isEqualTo("Zone " + zone + " already exists");
  }

  @Test
  void exportThenImportGivesTheSameZone() {
    String zoneId =
        api.post(
                "/v2/zones",
                "{\"name\":\"" + zone + "\",\"email\":\"dns.admin@example.net\",\"ttl\":1800}")
            .body()
            .get("id")
            .asString();
    for (String recordset :
        List.of(
            "{\"name\":\"www."
                + zone
                + "\",\"type\":\"A\",\"records\":[\"192.0.2.1\",\"192.0.2.2\"]}",
            "{\"name\":\"www."
                + zone
                + "\",\"type\":\"AAAA\",\"ttl\":60,\"records\":[\"2001:db8::7\"]}",
            "{\"name\":\""
                + zone
                + "\",\"type\":\"MX\",\"records\":[\"10 mx1."
                + zone
                + "\",\"20 mx2.example.net.\"]}",
            "{\"name\":\""
                + zone
                + "\",\"type\":\"TXT\",\"records\":[\"\\\"with space; and (paren\\\" \\\"two\\\"\"]}",
            "{\"name\":\"alias."
                + zone
                + "\",\"type\":\"CNAME\",\"records\":[\"www."
                + zone
                + "\"]}",
            "{\"name\":\"_xmpp._tcp."
                + zone
                + "\",\"type\":\"SRV\",\"ttl\":3600,\"records\":[\"5 0 5269 xmpp."
                + zone
                + "\"]}",
            "{\"name\":\"child."
                + zone
                + "\",\"type\":\"NS\",\"records\":[\"ns.child."
                + zone
                + "\"]}",
            "{\"name\":\""
                + zone
                + "\",\"type\":\"CAA\",\"records\":[\"0 issue \\\"letsencrypt.org\\\"\"]}")) {
      assertThat(api.post("/v2/zones/" + zoneId + "/recordsets", recordset).status())
          .isEqualTo(202);
    }
    List<String> before = recordsets(zoneId);
    long serialBefore = api.get("/v2/zones/" + zoneId).body().get("serial").asLong();

    ApiClient.Response export = api.post("/v2/zones/" + zoneId + "/tasks/export", "");
    assertThat(export.status()).as("%s", export.body()).isEqualTo(202);
    assertThat(export.body().get("status").asString()).isEqualTo("PENDING");
    assertThat(export.body().get("zone_id").asString()).isEqualTo(zoneId);
    JsonNode done = finished(path(export.header("Location")));
    assertThat(done.get("status").asString()).isEqualTo("COMPLETE");
    assertThat(done.get("location").asString())
        .isEqualTo("designate://v2/zones/tasks/exports/" + done.get("id").asString() + "/export");
    String file = api.text(path(done.get("links").get("export").asString()));
    assertThat(file).startsWith("$ORIGIN " + zone + "\n$TTL 1800\n");

    // the zone goes away (as the pool manager's report of a finished DELETE removes it)
    jdbc.update("delete from zones where id = ?", UUID.fromString(zoneId));
    String copyId = imported(file).get("zone_id").asString();

    assertThat(recordsets(copyId).stream().map(ZoneFileIT::withoutSerial).toList())
        .isEqualTo(before.stream().map(ZoneFileIT::withoutSerial).toList());
    JsonNode copy = api.get("/v2/zones/" + copyId).body();
    assertThat(copy.get("email").asString()).isEqualTo("dns.admin@example.net");
    assertThat(copy.get("ttl").asInt()).isEqualTo(1800);
    assertThat(copy.get("serial").asLong()).isGreaterThan(serialBefore);
    String again = exportedFile(copyId);
    assertThat(again.replace(" " + copy.get("serial").asLong() + " ", " SERIAL "))
        .isEqualTo(file.replace(" " + serialBefore + " ", " SERIAL "));
  }

  private String exportedFile(String zoneId) {
    JsonNode export = api.post("/v2/zones/" + zoneId + "/tasks/export", "").body();
    JsonNode done = finished("/v2/zones/tasks/exports/" + export.get("id").asString());
    return api.text(path(done.get("links").get("export").asString()));
  }

  private static String withoutSerial(String recordset) {
    return recordset.replaceAll(" SOA null \\[(\\S+ \\S+) \\d+ ", " SOA null [$1 SERIAL ");
  }

  @Test
  void importsAndExportsAreListedShownAndDeletedForTheirProjectOnly() throws Exception {
    JsonNode task = imported(fixture());
    String id = task.get("id").asString();
    String zoneId = task.get("zone_id").asString();

    JsonNode list = api.get("/v2/zones/tasks/imports").body();
    assertThat(list.get("imports")).hasSize(1);
    assertThat(list.get("metadata").get("total_count").asInt()).isEqualTo(1);
    assertThat(api.get("/v2/zones/tasks/imports?status=ERROR").body().get("imports")).isEmpty();
    ApiClient other = new ApiClient(port, "other-" + unique()).withHeader("X-Roles", "member");
    assertThat(other.get("/v2/zones/tasks/imports/" + id).status()).isEqualTo(404);
    assertThat(other.post("/v2/zones/" + zoneId + "/tasks/export", "").status()).isEqualTo(404);

    JsonNode export = api.post("/v2/zones/" + zoneId + "/tasks/export", "").body();
    assertThat(api.get("/v2/zones/tasks/exports").body().get("exports")).hasSize(1);
    assertThat(api.delete("/v2/zones/tasks/exports/" + export.get("id").asString()).status())
        .isEqualTo(204);
    assertThat(api.delete("/v2/zones/tasks/imports/" + id).status()).isEqualTo(204);
    assertThat(api.get("/v2/zones/tasks/imports/" + id).body().get("type").asString())
        .isEqualTo("zone_import_not_found");
    assertThat(api.get("/v2/zones/" + zoneId).status()).isEqualTo(200);
    assertThat(api.post("/v2/zones/tasks/imports", fixture(), "application/xml").status())
        .isEqualTo(415);
  }

  @Test
  void aJsonBodyCarriesTheZoneFileToo() throws Exception {
    String body =
        "{\"zonefile\": "
            + tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(fixture())
            + "}";
    ApiClient.Response started = api.post("/v2/zones/tasks/imports", body);
    assertThat(started.status()).isEqualTo(202);
    assertThat(finished(path(started.header("Location"))).get("status").asString())
        .isEqualTo("COMPLETE");
  }

  @Test
  void anImportRefreshesTheRecordsetEstimateThatAVacuumOfTheEmptyTableLeft() {
    // what a VACUUM of recordsets leaves when it found no live row in it: PostgreSQL then believed
    // it empty whatever a transaction added, and checked each record's foreign key by scanning an
    // index whose first column is not the id (a 100,000-record pull took 8 minutes)
    jdbc.update("update pg_class set reltuples = 0 where oid = 'recordsets'::regclass");
    StringBuilder file =
        new StringBuilder("$ORIGIN " + zone + "\n$TTL 300\n@ IN SOA ns1 h 1 3600 600 86400 300\n");
    for (int i = 0; i < 1_500; i++) {
      file.append("h").append(i).append(" IN A 192.0.2.").append(i % 250 + 1).append('\n');
    }

    imported(file.toString());

    assertThat(
            jdbc.queryForObject(
                "select reltuples from pg_class where oid = 'recordsets'::regclass", Double.class))
        .isGreaterThanOrEqualTo(1_500);
    assertThat(foreignKeyCheckPlan()).contains("recordsets_pkey");
  }

  @Test
  void anImportHasTheSessionsPlanAZoneDeletesCascadeToItsRecordsAgain() throws Exception {
    // a session keeps the plan of the cascade from a deleted recordset to its records made at its
    // first zone delete; made while records was small, it scans the whole table, and deleting a
    // 100,000-record zone with it ran it 100,000 times (over 11 minutes). A small table is what
    // the disabled index scans stand for here: the plan is made, then kept as it was.
    jdbc.update("update pg_class set reltuples = 0 where oid = 'records'::regclass");
    try (java.sql.Connection session = jdbc.getDataSource().getConnection();
        var statement = session.createStatement()) {
      statement.execute("set plan_cache_mode = force_generic_plan");
      statement.execute("set enable_indexscan = off");
      statement.execute("set enable_bitmapscan = off");
      statement.execute(
          "prepare cascade(uuid) as delete from only records where $1 = recordset_id");
      assertThat(plan(statement)).contains("Seq Scan");
      statement.execute("reset enable_indexscan");
      statement.execute("reset enable_bitmapscan");
      assertThat(plan(statement)).as("kept as made").contains("Seq Scan");
      StringBuilder file =
          new StringBuilder(
              "$ORIGIN " + zone + "\n$TTL 300\n@ IN SOA ns1 h 1 3600 600 86400 300\n");
      for (int i = 0; i < 1_500; i++) {
        file.append("h").append(i).append(" IN A 192.0.2.").append(i % 250 + 1).append('\n');
      }

      imported(file.toString());

      try {
        assertThat(plan(statement)).contains("records_recordset_idx");
      } finally {
        statement.execute("deallocate cascade");
        statement.execute("reset plan_cache_mode");
      }
    }
  }

  private static String plan(java.sql.Statement statement) throws java.sql.SQLException {
    StringBuilder plan = new StringBuilder();
    try (var rows = statement.executeQuery("explain execute cascade(null)")) {
      while (rows.next()) {
        plan.append(rows.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }

  /** The plan PostgreSQL keeps for a record's foreign key check (a generic plan, as it caches). */
  String foreignKeyCheckPlan() {
    return jdbc.execute((java.sql.Connection connection) -> {
      try (var statement = connection.createStatement()) {
        statement.execute("set plan_cache_mode = force_generic_plan");
        statement.execute(
            "prepare fk_check(uuid) as select 1 from only recordsets x where id = $1"
                + " for key share of x");
        StringBuilder plan = new StringBuilder();
        try (var rows = statement.executeQuery("explain execute fk_check(null)")) {
          while (rows.next()) {
            plan.append(rows.getString(1)).append('\n');
          }
        }
        statement.execute("deallocate fk_check");
        statement.execute("reset plan_cache_mode");
        return plan.toString();
      }
    });
  }

  @Test
  void largeImportsReportProgressAndStoreEveryRecord() {
    // 4,000 twice: the first runs on a cold JVM (parser and JDBC code not compiled yet)
    for (int records : List.of(4_000, 100_000, 4_000)) {
      zone = "big" + records + "-" + unique() + ".example.";
      StringBuilder file =
          new StringBuilder(
              "$ORIGIN " + zone + "\n$TTL 300\n@ IN SOA ns1 h 1 3600 600 86400 300\n");
      for (int i = 0; i < records; i++) {
        file.append("h")
            .append(i)
            .append(" IN A 10.")
            .append(i >> 16 & 255)
            .append('.')
            .append(i >> 8 & 255)
            .append('.')
            .append(i & 255)
            .append('\n');
      }
      Set<String> messages = new ConcurrentSkipListSet<>();
      long start = System.nanoTime();
      ApiClient.Response started = startImport(file.toString());
      JsonNode task =
          await()
              .atMost(Duration.ofMinutes(5))
              .pollInterval(Duration.ofMillis(20))
              .until(
                  () -> api.get(path(started.header("Location"))).body(),
                  t -> {
                    if (!t.get("message").isNull()) {
                      messages.add(t.get("message").asString());
                    }
                    return !t.get("status").asString().equals("PENDING");
                  });
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.printf(
          "zone import of %,d records: %,d ms (request to COMPLETE)%n", records, millis);

      assertThat(task.get("status").asString()).as("%s", task).isEqualTo("COMPLETE");
      assertThat(messages)
          .anyMatch(
              m -> m.matches("imported [\\d,]+ of " + String.format("%,d", records) + " records"));
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from records where zone_id = ?",
                  Long.class,
                  UUID.fromString(task.get("zone_id").asString())))
          .isEqualTo(records + 3L);
    }
  }
}
