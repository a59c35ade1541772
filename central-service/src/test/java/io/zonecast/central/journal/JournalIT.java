package io.zonecast.central.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.TestInfrastructure;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The journal central writes, against a real PostgreSQL: after random changes through the REST API,
 * each step applied to the zone as it was served at the step's old serial gives exactly the zone
 * served at its new serial; compaction keeps an unbroken tail and never touches the zone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JournalIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("journal_it");
  static final int KEPT = 3;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add("server.address", () -> "127.0.0.1");
    registry.add(
        "zonecast.central.pools-file",
        () -> JournalIT.class.getResource("/test-pools.yaml").getPath());
    registry.add("zonecast.central.journal.max-entries-per-zone", () -> KEPT);
    // compaction runs when the test calls it
    registry.add("zonecast.central.journal.compaction-interval", () -> "1h");
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired JournalCompaction compaction;

  ApiClient api;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port, "journal-it");
  }

  record Version(long serial, Set<CanonicalRecord> records) {}

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void everyStepTurnsTheZoneAtItsOldSerialIntoTheZoneAtItsNewSerial(long seed) {
    Random random = new Random(seed);
    String zoneId = createZone();
    String apex = api.get("/v2/zones/" + zoneId).body().get("name").asString();
    List<Version> versions = new ArrayList<>(List.of(served(zoneId)));
    List<String> recordsets = new ArrayList<>();
    for (int change = 0; change < 40; change++) {
      if (randomChange(random, zoneId, apex, recordsets)) {
        versions.add(served(zoneId));
      }
    }

    List<Step> steps = journal(zoneId);
    assertThat(steps).hasSize(versions.size() - 1);
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      assertThat(step.oldSerial()).isEqualTo(versions.get(i).serial());
      assertThat(step.newSerial()).isEqualTo(versions.get(i + 1).serial());
      assertThat(step.applyTo(versions.get(i).records()))
          .as("step %s -> %s", step.oldSerial(), step.newSerial())
          .isEqualTo(versions.get(i + 1).records());
    }
  }

  @Test
  void compactionKeepsTheNewestStepsThenDropsOldOnesButNeverTheZone() {
    String zoneId = createZone();
    String apex = api.get("/v2/zones/" + zoneId).body().get("name").asString();
    for (int i = 0; i < 5; i++) {
      assertThat(
              api.post(
                      "/v2/zones/" + zoneId + "/recordsets",
                      "{\"name\":\"h"
                          + i
                          + "."
                          + apex
                          + "\",\"type\":\"A\","
                          + "\"records\":[\"192.0.2."
                          + (i + 1)
                          + "\"]}")
                  .status())
          .isEqualTo(202);
    }
    Version before = served(zoneId);
    assertThat(journal(zoneId)).hasSize(5);

    compaction.compact();

    List<Step> kept = journal(zoneId);
    assertThat(kept).hasSize(KEPT);
    assertThat(kept.getLast().newSerial()).isEqualTo(before.serial());
    for (int i = 1; i < kept.size(); i++) {
      assertThat(kept.get(i).oldSerial()).isEqualTo(kept.get(i - 1).newSerial());
    }

    jdbc.update(
        "update zone_journal_steps set created_at = now() - interval '30 days' where zone_id = ?",
        UUID.fromString(zoneId));
    compaction.compact();

    assertThat(journal(zoneId)).isEmpty();
    assertThat(served(zoneId)).isEqualTo(before);
  }

  @Test
  void aDeletedZoneTakesItsJournalWithIt() {
    String zoneId = createZone();
    String apex = api.get("/v2/zones/" + zoneId).body().get("name").asString();
    api.post(
        "/v2/zones/" + zoneId + "/recordsets",
        "{\"name\":\"www." + apex + "\",\"type\":\"A\",\"records\":[\"192.0.2.1\"]}");
    assertThat(journal(zoneId)).hasSize(1);

    // what central does once the pool manager reports the DELETE done
    jdbc.update("delete from zones where id = ?", UUID.fromString(zoneId));

    assertThat(
            jdbc.queryForObject(
                "select count(*) from zone_journal_steps where zone_id = ?",
                Long.class,
                UUID.fromString(zoneId)))
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from zone_journal_records r where not exists"
                    + " (select 1 from zone_journal_steps s where s.id = r.step_id)",
                Long.class))
        .isZero();
  }

  String createZone() {
    String name = "j" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
    ApiClient.Response created =
        api.post(
            "/v2/zones",
            "{\"name\":\"" + name + "\",\"email\":\"hostmaster@example.org\",\"ttl\":600}");
    assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
    return created.body().get("id").asString();
  }

  /** One random change through the API; true when it was accepted (and so made a new serial). */
  boolean randomChange(Random random, String zoneId, String apex, List<String> recordsets) {
    String base = "/v2/zones/" + zoneId;
    int kind = recordsets.isEmpty() ? 0 : random.nextInt(5);
    ApiClient.Response response;
    switch (kind) {
      case 0 -> {
        String type = random.nextBoolean() ? "A" : "MX";
        response =
            api.post(
                base + "/recordsets",
                "{\"name\":\""
                    + List.of("a", "b", "C", "d").get(random.nextInt(4))
                    + "."
                    + apex
                    + "\",\"type\":\""
                    + type
                    + "\",\"records\":"
                    + data(random, type)
                    + ttl(random)
                    + "}");
        if (response.status() == 202) {
          recordsets.add(response.body().get("id").asString());
        }
      }
      case 1, 2 -> {
        String id = recordsets.get(random.nextInt(recordsets.size()));
        String type = api.get(base + "/recordsets/" + id).body().get("type").asString();
        String records = random.nextInt(3) == 0 ? "" : "\"records\":" + data(random, type);
        String ttl = ttl(random);
        String body = "{" + records + (records.isEmpty() ? ttl.replaceFirst(",", "") : ttl) + "}";
        if (body.equals("{}")) {
          body = "{\"ttl\":null}";
        }
        response = api.put(base + "/recordsets/" + id, body);
      }
      case 3 -> {
        String id = recordsets.remove(random.nextInt(recordsets.size()));
        response = api.delete(base + "/recordsets/" + id);
      }
      default -> {
        int ttl = List.of(300, 600, 900).get(random.nextInt(3));
        String email = random.nextBoolean() ? "hostmaster@example.org" : "dns.admin@example.org";
        response = api.patch(base, "{\"ttl\":" + ttl + ",\"email\":\"" + email + "\"}");
      }
    }
    assertThat(response.status()).as("%s", response.body()).isIn(202, 200, 409);
    return response.status() != 409;
  }

  static String data(Random random, String type) {
    List<String> records = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    Set<Integer> used = new HashSet<>();
    for (int i = 0; i < count; i++) {
      int n = 1 + random.nextInt(4);
      if (used.add(n)) {
        records.add(
            type.equals("A")
                ? "\"192.0.2." + n + "\""
                : "\"" + (10 * n) + " MAIL" + n + ".Example.org.\"");
      }
    }
    return "[" + String.join(",", records) + "]";
  }

  static String ttl(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> "";
      case 1 -> ",\"ttl\":null";
      default -> ",\"ttl\":" + (random.nextBoolean() ? 300 : 3600);
    };
  }

  /** The zone exactly as MiniDNS serves it now: serial and every RR with its effective TTL. */
  Version served(String zoneId) {
    UUID id = UUID.fromString(zoneId);
    long serial = jdbc.queryForObject("select serial from zones where id = ?", Long.class, id);
    Set<CanonicalRecord> records = new HashSet<>();
    jdbc.query(
        """
        select s.name, s.type, coalesce(s.ttl, z.ttl) as ttl, r.data
        from records r join recordsets s on s.id = r.recordset_id join zones z on z.id = s.zone_id
        where z.id = ?
        """,
        rs -> {
          assertThat(
                  records.add(
                      CanonicalRecord.of(
                          new JournalRecord(
                              rs.getString("name"),
                              rs.getString("type"),
                              rs.getLong("ttl"),
                              rs.getString("data")))))
              .isTrue();
        },
        id);
    return new Version(serial, records);
  }

  record Step(
      long oldSerial, long newSerial, List<JournalRecord> removed, List<JournalRecord> added) {
    Set<CanonicalRecord> applyTo(Set<CanonicalRecord> zone) {
      Set<CanonicalRecord> result = new HashSet<>(zone);
      for (JournalRecord record : removed) {
        assertThat(result.remove(CanonicalRecord.of(record)))
            .as("removes held %s", record)
            .isTrue();
      }
      for (JournalRecord record : added) {
        assertThat(result.add(CanonicalRecord.of(record))).as("adds missing %s", record).isTrue();
      }
      return result;
    }
  }

  List<Step> journal(String zoneId) {
    List<Step> steps = new ArrayList<>();
    jdbc.query(
        """
        select s.id, s.old_serial, s.new_serial, r.removed, r.name, r.type, r.ttl, r.data
        from zone_journal_steps s join zone_journal_records r on r.step_id = s.id
        where s.zone_id = ? order by s.id, r.id
        """,
        rs -> {
          long oldSerial = rs.getLong("old_serial");
          long newSerial = rs.getLong("new_serial");
          if (steps.isEmpty() || steps.getLast().newSerial() != newSerial) {
            steps.add(new Step(oldSerial, newSerial, new ArrayList<>(), new ArrayList<>()));
          }
          JournalRecord record =
              new JournalRecord(
                  rs.getString("name"),
                  rs.getString("type"),
                  rs.getLong("ttl"),
                  rs.getString("data"));
          (rs.getBoolean("removed") ? steps.getLast().removed() : steps.getLast().added())
              .add(record);
        },
        UUID.fromString(zoneId));
    return steps;
  }
}
