package io.zonecast.central.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.DnssecTools;
import io.zonecast.testsupport.TestInfrastructure;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
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
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import tools.jackson.databind.JsonNode;

/**
 * DNSSEC signing against a real PostgreSQL, checked with BIND's own {@code dnssec-verify}: the zone
 * as MiniDNS would serve it (records, SOA and what signing stored) verifies after enabling and
 * after every random change, and each journal step turns the signed zone at its old serial into the
 * signed zone at its new one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DnssecIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("dnssec_it");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add("server.address", () -> "127.0.0.1");
    registry.add(
        "zonecast.central.pools-file",
        () -> DnssecIT.class.getResource("/test-pools.yaml").getPath());
    byte[] kek = new byte[32];
    new SecureRandom().nextBytes(kek);
    registry.add(
        "zonecast.dnssec.key-encryption-key", () -> Base64.getEncoder().encodeToString(kek));
    // rollover waits short enough that a whole rollover (the clock stepped by 30 min) stays within
    // the signatures' inception offset (1h): dnssec-verify checks them against the real time
    registry.add("zonecast.dnssec.propagation-delay", () -> "5m");
    registry.add("zonecast.dnssec.parent-ds-ttl", () -> "10m");
    // whole-zone signing in slices of 3 names: every test's zone spans several slices, so each
    // verification and journal check also checks the chain across slice boundaries
    registry.add("zonecast.dnssec.signing-slice", () -> "3");
    // one project holds every test's zones
    registry.add("zonecast.central.quotas.zones", () -> "-1");
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class TestClock {
    @Bean
    @Primary
    SteppedClock steppedClock() {
      return new SteppedClock();
    }
  }

  @AfterAll
  static void dropDatabase() {
    infra.dropDatabase(DB);
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired Resigner resigner;
  @Autowired SteppedClock clock;

  ApiClient api;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port, "dnssec-it");
    clock.reset();
  }

  @Test
  void enablingSignsTheZoneWithAKskAndAZskAndTheDsIsTheKsksDs() throws IOException {
    String zoneId = createZone();
    String apex = apex(zoneId);
    addA(zoneId, "www." + apex, "192.0.2.1");
    long before = serial(zoneId);

    ApiClient.Response put = api.put(dnssec(zoneId), "{\"enabled\":true}");

    assertThat(put.status()).as("%s", put.body()).isEqualTo(202);
    assertThat(serial(zoneId)).isGreaterThan(before);
    JsonNode body = api.get(dnssec(zoneId)).body();
    assertThat(body.get("enabled").asBoolean()).isTrue();
    assertThat(body.get("status").asString()).isEqualTo("PENDING");
    assertThat(body.get("algorithm").asString()).isEqualTo("ECDSAP256SHA256");
    assertThat(body.get("nsec3").asBoolean()).isTrue();
    List<String> roles = new ArrayList<>();
    body.get("keys").forEach(k -> roles.add(k.get("role").asString()));
    assertThat(roles).containsExactlyInAnyOrder("KSK", "ZSK");
    assertThat(body.toString()).doesNotContainIgnoringCase("private");
    List<Record> zone = served(zoneId);
    assertVerifies(apex, zone);
    List<String> ds = new ArrayList<>();
    body.get("ds").forEach(d -> ds.add(d.asString()));
    assertThat(ds).hasSize(1).isEqualTo(DnssecTools.dsFromKeys(apex, kskOnly(zone)));
    assertThat(types(zone))
        .contains(Type.DNSKEY, Type.NSEC3PARAM, Type.NSEC3, Type.CDS, Type.CDNSKEY, Type.RRSIG);

    // the check can fail: one signature broken and dnssec-verify refuses the zone
    jdbc.update(
        """
        update zone_dnssec_records set data = overlay(data placing 'AAAA' from length(data) - 20 for 4)
        where id = (select min(id) from zone_dnssec_records
                    where zone_id = ? and type = 'RRSIG' and covered = 'A')
        """,
        UUID.fromString(zoneId));
    assertThat(DnssecTools.verify(apex, served(zoneId)).verified()).isFalse();
  }

  @Test
  void ed25519WithNsecVerifiesToo() throws IOException {
    String zoneId = createZone();
    String apex = apex(zoneId);
    addA(zoneId, "a.b.c." + apex, "192.0.2.7");

    assertThat(
            api.put(dnssec(zoneId), "{\"enabled\":true,\"algorithm\":\"ED25519\",\"nsec3\":false}")
                .status())
        .isEqualTo(202);

    List<Record> zone = served(zoneId);
    assertVerifies(apex, zone);
    assertThat(types(zone)).contains(Type.NSEC).doesNotContain(Type.NSEC3, Type.NSEC3PARAM);
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12})
  void afterRandomChangesTheZoneVerifiesAndEveryStepGivesTheNextSignedZone(long seed)
      throws IOException {
    Random random = new Random(seed);
    String zoneId = createZone();
    String apex = apex(zoneId);
    List<String> recordsets = new ArrayList<>();
    assertThat(api.put(dnssec(zoneId), "{\"enabled\":true}").status()).isEqualTo(202);
    List<Set<String>> versions = new ArrayList<>(List.of(texts(served(zoneId))));
    List<Long> serials = new ArrayList<>(List.of(serial(zoneId)));
    for (int change = 0; change < 12; change++) {
      if (randomChange(random, zoneId, apex, recordsets)) {
        List<Record> zone = served(zoneId);
        assertVerifies(apex, zone);
        versions.add(texts(zone));
        serials.add(serial(zoneId));
      }
    }
    assertEachStepGivesTheNextVersion(zoneId, serials, versions);
  }

  @Test
  void switchingBetweenNsec3AndNsecReplacesTheWholeChainAndEachStepGivesTheNextZone()
      throws IOException {
    String zoneId = createZone();
    String apex = apex(zoneId);
    for (int i = 0; i < 8; i++) {
      addA(zoneId, "h" + i + ".deep." + apex, "192.0.2." + (i + 1));
    }
    String www = addA(zoneId, "www." + apex, "192.0.2.80");
    assertThat(api.put(dnssec(zoneId), "{\"enabled\":true}").status()).isEqualTo(202);
    List<Set<String>> versions = new ArrayList<>(List.of(texts(served(zoneId))));
    List<Long> serials = new ArrayList<>(List.of(serial(zoneId)));

    assertThat(api.put(dnssec(zoneId), "{\"enabled\":true,\"nsec3\":false}").status())
        .isEqualTo(202);
    List<Record> nsec = served(zoneId);
    assertVerifies(apex, nsec);
    assertThat(types(nsec)).contains(Type.NSEC).doesNotContain(Type.NSEC3, Type.NSEC3PARAM);
    versions.add(texts(nsec));
    serials.add(serial(zoneId));

    // an NSEC zone is signed whole at every change: www's NSEC and signatures go with the name
    assertThat(api.delete("/v2/zones/" + zoneId + "/recordsets/" + www).status()).isEqualTo(202);
    List<Record> without = served(zoneId);
    assertVerifies(apex, without);
    assertThat(without).noneMatch(r -> r.getName().toString().equals("www." + apex));
    versions.add(texts(without));
    serials.add(serial(zoneId));

    assertThat(api.put(dnssec(zoneId), "{\"enabled\":true,\"nsec3\":true}").status())
        .isEqualTo(202);
    List<Record> nsec3 = served(zoneId);
    assertVerifies(apex, nsec3);
    assertThat(types(nsec3)).contains(Type.NSEC3, Type.NSEC3PARAM).doesNotContain(Type.NSEC);
    versions.add(texts(nsec3));
    serials.add(serial(zoneId));

    assertEachStepGivesTheNextVersion(zoneId, serials, versions);
  }

  /** Each journal step applied to the zone at its old serial gives the zone at its new one. */
  void assertEachStepGivesTheNextVersion(
      String zoneId, List<Long> serials, List<Set<String>> versions) {
    for (int i = 0; i + 1 < serials.size(); i++) {
      Set<String> replayed = new HashSet<>(versions.get(i));
      long from = serials.get(i);
      jdbc.query(
          """
          select r.removed, r.name, r.type, r.ttl, r.data from zone_journal_steps s
          join zone_journal_records r on r.step_id = s.id
          where s.zone_id = ? and s.old_serial = ? order by r.id
          """,
          rs -> {
            String rr =
                text(
                    rs.getString("name"),
                    rs.getString("type"),
                    rs.getLong("ttl"),
                    rs.getString("data"));
            if (rs.getBoolean("removed")) {
              assertThat(replayed.remove(rr)).as("step from %s removes %s", from, rr).isTrue();
            } else {
              assertThat(replayed.add(rr)).as("step from %s adds %s", from, rr).isTrue();
            }
          },
          UUID.fromString(zoneId),
          from);
      assertThat(replayed).as("step from %s", from).isEqualTo(versions.get(i + 1));
    }
  }

  @Test
  void aOneRecordChangeJournalsOnlyItsRRsetTheSoaAndTheChainNeighbours() {
    String zoneId = createZone();
    String apex = apex(zoneId);
    for (int i = 0; i < 20; i++) {
      addA(zoneId, "h" + i + "." + apex, "192.0.2." + (i + 1));
    }
    assertThat(api.put(dnssec(zoneId), "{\"enabled\":true}").status()).isEqualTo(202);
    long before = serial(zoneId);

    addA(zoneId, "new." + apex, "192.0.2.99");

    List<String> step =
        jdbc.queryForList(
            """
            select r.type || coalesce('/' || split_part(r.data, ' ', 1), '') from zone_journal_steps s
            join zone_journal_records r on r.step_id = s.id where s.zone_id = ? and s.old_serial = ?
            """,
            String.class,
            UUID.fromString(zoneId),
            before);
    // SOA and its RRSIG out and in, the A and its RRSIG, the new NSEC3 and its RRSIG, the
    // predecessor's NSEC3 and RRSIG out and in: 12 records
    assertThat(step).hasSize(12).noneMatch(t -> t.startsWith("DNSKEY") || t.startsWith("CDS"));
    assertThat(step.stream().filter(t -> t.startsWith("NSEC3")).count()).isEqualTo(3);
  }

  @Test
  void aOneRecordChangeReadsOnlyItsNeighboursInTheChainNotTheWholeZone() throws IOException {
    String zoneId = createZone();
    String apex = apex(zoneId);
    for (int i = 0; i < 40; i++) {
      addA(zoneId, "h" + i + "." + apex, "192.0.2." + (i + 1));
    }
    assertThat(api.put(dnssec(zoneId), "{\"enabled\":true}").status()).isEqualTo(202);
    UUID id = UUID.fromString(zoneId);
    String apexOwner =
        IncrementalChain.owner(
                IncrementalChain.hash(
                    DenialChain.nsec3param(Name.fromString(apex)), Name.fromString(apex)),
                Name.fromString(apex))
            .toString();
    // a marker on every NSEC3 but the apex's: a record the change reads and rewrites loses it (a
    // rebuild of the whole chain would rewrite them all, as their stored TTL differs)
    jdbc.update(
        "update zone_dnssec_records set ttl = 7 where zone_id = ? and type = 'NSEC3' and name <> ?",
        id,
        apexOwner);
    int marked =
        jdbc.queryForObject(
            "select count(*) from zone_dnssec_records where zone_id = ? and ttl = 7",
            Integer.class,
            id);

    addA(zoneId, "new." + apex, "192.0.2.99");

    // only the neighbours of new's hash were read and written again (its predecessor, relinked,
    // and its successor, read to relink new: both get the chain's TTL back; the apex's NSEC3 may
    // be one of them); a rebuild of the whole chain would have rewritten all 40
    assertThat(
            jdbc.queryForObject(
                "select count(*) from zone_dnssec_records where zone_id = ? and ttl = 7",
                Integer.class,
                id))
        .isBetween(marked - 2, marked - 1);
    assertThat(marked).isEqualTo(40);
  }

  @Test
  void signaturesDueForRenewalAreMadeAnewWithAChangeOfTheirOwn() throws IOException {
    String zoneId = createZone();
    String apex = apex(zoneId);
    addA(zoneId, "www." + apex, "192.0.2.1");
    addA(zoneId, "ftp." + apex, "192.0.2.2");
    assertThat(api.put(dnssec(zoneId), "{\"enabled\":true}").status()).isEqualTo(202);
    UUID id = UUID.fromString(zoneId);
    // every new signature expires within [validity - jitter, validity] from now
    assertThat(
            jdbc.queryForObject(
                """
                select bool_and(expires_at between (now() at time zone 'utc') + interval '12 days 23 hours'
                                                and (now() at time zone 'utc') + interval '14 days 1 minute')
                from zone_dnssec_records where zone_id = ? and type = 'RRSIG'
                """,
                Boolean.class,
                id))
        .isTrue();
    String wwwSig = sigOf(id, "www." + apex);
    String ftpSig = sigOf(id, "ftp." + apex);
    long before = serial(zoneId);
    jdbc.update(
        "update zone_dnssec_records set expires_at = now() at time zone 'utc' where zone_id = ? and name = ? and"
            + " covered = 'A'",
        id,
        "www." + apex);

    assertThat(resigner.resignDue()).isGreaterThanOrEqualTo(1);

    assertThat(serial(zoneId)).isGreaterThan(before);
    assertThat(sigOf(id, "www." + apex)).isNotEqualTo(wwwSig);
    assertThat(sigOf(id, "ftp." + apex)).isEqualTo(ftpSig);
    assertVerifies(apex, served(zoneId));
    List<String> step =
        jdbc.queryForList(
            """
            select r.type || '/' || split_part(r.data, ' ', 1) from zone_journal_steps s
            join zone_journal_records r on r.step_id = s.id where s.zone_id = ? and s.old_serial = ?
            """,
            String.class,
            id,
            before);
    // the old and new SOA, and the SOA's and www's signatures out and in
    assertThat(step.stream().map(t -> t.startsWith("SOA/") ? "SOA" : t))
        .containsExactlyInAnyOrder("SOA", "SOA", "RRSIG/SOA", "RRSIG/SOA", "RRSIG/A", "RRSIG/A");
    long after = serial(zoneId);
    assertThat(resigner.resignDue()).isZero();
    assertThat(serial(zoneId)).isEqualTo(after);
  }

  @Test
  void aZskRollsByPrePublicationUnderASteppedClockAndTheZoneVerifiesAtEveryStep()
      throws IOException {
    String zoneId = createZone();
    String apex = apex(zoneId);
    addA(zoneId, "www." + apex, "192.0.2.1");
    assertThat(api.put(dnssec(zoneId), "{\"enabled\":true}").status()).isEqualTo(202);
    int oldZsk = tag(zoneId, "ZSK", "ACTIVE");

    ApiClient.Response started = api.post(dnssec(zoneId) + "/rollover", "{\"role\":\"ZSK\"}");

    assertThat(started.status()).as("%s", started.body()).isEqualTo(202);
    int newZsk = tag(zoneId, "ZSK", "PUBLISHED");
    assertThat(api.post(dnssec(zoneId) + "/rollover", "{\"role\":\"ZSK\"}").status())
        .isEqualTo(409);
    assertThat(api.post(dnssec(zoneId) + "/rollover", "{\"role\":\"KSK\"}").status())
        .isEqualTo(409);
    // published: in the DNSKEY set, the old ZSK still signs
    assertStep(apex, zoneId, 3, oldZsk);

    // active_at is the DNSKEY TTL (600 s) + the propagation delay (5 min) away: not a second early
    crossDeadline(
        Duration.ofMinutes(15),
        () -> assertThat(tag(zoneId, "ZSK", "PUBLISHED")).isEqualTo(newZsk),
        () -> {
          assertThat(tag(zoneId, "ZSK", "ACTIVE")).isEqualTo(newZsk);
          assertThat(tag(zoneId, "ZSK", "RETIRED")).isEqualTo(oldZsk);
          assertStep(apex, zoneId, 3, newZsk);
        });

    // the old signatures leave every cache after the largest TTL (600 s) + the propagation delay
    crossDeadline(
        Duration.ofMinutes(15),
        () -> assertThat(tag(zoneId, "ZSK", "RETIRED")).isEqualTo(oldZsk),
        () -> assertStep(apex, zoneId, 2, newZsk));
    assertThat(api.get(dnssec(zoneId)).body().get("keys")).hasSize(2);
  }

  @Test
  void aKskRollsByDoubleDsUnderASteppedClockAndTheZoneVerifiesAtEveryStep() throws IOException {
    String zoneId = createZone();
    String apex = apex(zoneId);
    addA(zoneId, "www." + apex, "192.0.2.1");
    assertThat(api.put(dnssec(zoneId), "{\"enabled\":true}").status()).isEqualTo(202);
    int oldKsk = tag(zoneId, "KSK", "ACTIVE");
    int zsk = tag(zoneId, "ZSK", "ACTIVE");
    List<String> oldDs = ds(zoneId);
    assertThat(api.post(dnssec(zoneId) + "/checkds", "{\"ds\":\"published\"}").status())
        .as("no KSK waits for its DS")
        .isEqualTo(409);

    ApiClient.Response started = api.post(dnssec(zoneId) + "/rollover", "{\"role\":\"KSK\"}");

    // 1. the new KSK's DS is wanted at the parent (API and CDS/CDNSKEY); the key is not served
    assertThat(started.status()).as("%s", started.body()).isEqualTo(202);
    int newKsk = tag(zoneId, "KSK", "DS_PENDING");
    List<String> bothDs = ds(zoneId);
    assertThat(bothDs).hasSize(2).containsAll(oldDs);
    String newDs = bothDs.stream().filter(d -> !oldDs.contains(d)).findFirst().orElseThrow();
    assertThat(newDs).startsWith(newKsk + " 13 2 ");
    assertKskStep(apex, zoneId, oldKsk, zsk, bothDs);
    assertThat(api.post(dnssec(zoneId) + "/rollover", "{\"role\":\"ZSK\"}").status())
        .isEqualTo(409);
    clock.step(Duration.ofMinutes(5));
    resigner.resignDue();
    assertThat(tag(zoneId, "KSK", "DS_PENDING"))
        .as("the new KSK waits for the operator's word on the parent's DS")
        .isEqualTo(newKsk);

    // 2. the operator: the parent publishes the new DS
    assertThat(
            api.post(
                    dnssec(zoneId) + "/checkds",
                    "{\"ds\":\"published\",\"key_tag\":" + (newKsk + 1) % 65536 + "}")
                .status())
        .isEqualTo(409);
    ApiClient.Response published =
        api.post(dnssec(zoneId) + "/checkds", "{\"ds\":\"published\",\"key_tag\":" + newKsk + "}");
    assertThat(published.status()).as("%s", published.body()).isEqualTo(202);
    assertThat(key(zoneId, newKsk).get("ds_published_at").isNull()).isFalse();
    assertKskStep(apex, zoneId, oldKsk, zsk, bothDs);

    // 3. after the parent's DS TTL (10 min) + the propagation delay (5 min) the DNSKEY set swaps
    crossDeadline(
        Duration.ofMinutes(15),
        () -> assertThat(tag(zoneId, "KSK", "DS_PENDING")).isEqualTo(newKsk),
        () -> {
          assertThat(tag(zoneId, "KSK", "ACTIVE")).isEqualTo(newKsk);
          assertThat(tag(zoneId, "KSK", "RETIRED")).isEqualTo(oldKsk);
          assertThat(key(zoneId, oldKsk).get("remove_at").isNull()).isFalse();
          assertKskStep(apex, zoneId, newKsk, zsk, bothDs);
        });

    // 4. once the old DNSKEY set left every cache (its TTL 600 s + 5 min) the old DS is not wanted
    crossDeadline(
        Duration.ofMinutes(15),
        () -> assertThat(tag(zoneId, "KSK", "RETIRED")).isEqualTo(oldKsk),
        () -> assertKskStep(apex, zoneId, newKsk, zsk, List.of(newDs)));
    assertThat(api.get(dnssec(zoneId)).body().get("keys")).hasSize(2);
  }

  /** A check after a step of the clock; it may read the zone as served. */
  interface Check {
    void run() throws IOException;
  }

  /**
   * A rollover deadline {@code wait} from now, crossed: one second before it a re-signing moves
   * nothing ({@code before} still holds), at it a re-signing changes the zone ({@code after}
   * holds).
   */
  void crossDeadline(Duration wait, Check before, Check after) throws IOException {
    clock.step(wait.minusSeconds(1));
    resigner.resignDue();
    before.run();
    clock.step(Duration.ofSeconds(1));
    assertThat(resigner.resignDue()).as("re-signed at the deadline").isGreaterThanOrEqualTo(1);
    after.run();
  }

  /**
   * The zone verifies with exactly one KSK ({@code ksk}, whose DS is among {@code ds}) and {@code
   * zsk} served, the DNSKEY set signed by {@code ksk} alone, and the API's {@code ds} and the CDS
   * and CDNSKEY RRsets all saying {@code ds}.
   */
  void assertKskStep(String apex, String zoneId, int ksk, int zsk, List<String> ds)
      throws IOException {
    List<Record> zone = served(zoneId);
    assertStep(apex, zoneId, 2, zsk);
    List<Record> ksks = kskOnly(zone);
    assertThat(ksks).hasSize(1);
    assertThat(ds).containsAll(DnssecTools.dsFromKeys(apex, ksks));
    assertThat(
            zone.stream()
                .filter(r ->
                    r instanceof org.xbill.DNS.RRSIGRecord s && s.getTypeCovered() == Type.DNSKEY)
                .map(r -> ((org.xbill.DNS.RRSIGRecord) r).getFootprint()))
        .containsExactly(ksk);
    assertThat(ds(zoneId)).containsExactlyInAnyOrderElementsOf(ds);
    assertThat(zone.stream().filter(r -> r.getType() == Type.CDS).map(Record::rdataToString))
        .containsExactlyInAnyOrderElementsOf(ds);
    List<Record> cdnskeys =
        zone.stream()
            .filter(r -> r.getType() == Type.CDNSKEY)
            .map(r -> (Record) toDnskey((org.xbill.DNS.CDNSKEYRecord) r))
            .toList();
    assertThat(DnssecTools.dsFromKeys(apex, cdnskeys)).containsExactlyInAnyOrderElementsOf(ds);
  }

  static org.xbill.DNS.DNSKEYRecord toDnskey(org.xbill.DNS.CDNSKEYRecord c) {
    return new org.xbill.DNS.DNSKEYRecord(
        c.getName(),
        c.getDClass(),
        c.getTTL(),
        c.getFlags(),
        c.getProtocol(),
        c.getAlgorithm(),
        c.getKey());
  }

  List<String> ds(String zoneId) {
    List<String> ds = new ArrayList<>();
    api.get(dnssec(zoneId)).body().get("ds").forEach(d -> ds.add(d.asString()));
    return ds;
  }

  JsonNode key(String zoneId, int keyTag) {
    for (JsonNode key : api.get(dnssec(zoneId)).body().get("keys")) {
      if (key.get("key_tag").asInt() == keyTag) {
        return key;
      }
    }
    throw new AssertionError("no key " + keyTag);
  }

  int tag(String zoneId, String role, String state) {
    JsonNode keys = api.get(dnssec(zoneId)).body().get("keys");
    for (JsonNode key : keys) {
      if (key.get("role").asString().equals(role) && key.get("state").asString().equals(state)) {
        return key.get("key_tag").asInt();
      }
    }
    throw new AssertionError("no " + state + " " + role + " in " + keys);
  }

  /**
   * The zone verifies with {@code dnskeys} keys published and every non-key RRset signed by {@code
   * zsk} only.
   */
  void assertStep(String apex, String zoneId, int dnskeys, int zsk) throws IOException {
    List<Record> zone = served(zoneId);
    assertVerifies(apex, zone);
    assertThat(zone.stream().filter(r -> r.getType() == Type.DNSKEY)).hasSize(dnskeys);
    assertThat(
            zone.stream()
                .filter(r -> r instanceof org.xbill.DNS.RRSIGRecord)
                .map(r -> (org.xbill.DNS.RRSIGRecord) r)
                .filter(r ->
                    r.getTypeCovered() != Type.DNSKEY
                        && r.getTypeCovered() != Type.CDS
                        && r.getTypeCovered() != Type.CDNSKEY)
                .map(org.xbill.DNS.RRSIGRecord::getFootprint)
                .distinct())
        .containsExactly(zsk);
  }

  String sigOf(UUID zoneId, String name) {
    return jdbc.queryForObject(
        "select data from zone_dnssec_records where zone_id = ? and name = ? and covered = 'A'",
        String.class,
        zoneId,
        name);
  }

  @Test
  void turningSigningOffFirstPublishesTheDeleteCdsThenLeavesAnUnsignedZone() throws IOException {
    String zoneId = createZone();
    String apex = apex(zoneId);
    addA(zoneId, "www." + apex, "192.0.2.1");
    assertThat(api.put(dnssec(zoneId), "{\"enabled\":true}").status()).isEqualTo(202);

    ApiClient.Response first = api.put(dnssec(zoneId), "{\"enabled\":false}");

    assertThat(first.status()).isEqualTo(202);
    assertThat(first.body().get("signing").asString()).isEqualTo("DISABLING");
    assertThat(first.body().get("ds")).isEmpty();
    List<Record> zone = served(zoneId);
    assertVerifies(apex, zone);
    assertThat(zone.stream().filter(r -> r.getType() == Type.CDS).map(Record::rdataToString))
        .containsExactly("0 0 0 00");

    ApiClient.Response second = api.put(dnssec(zoneId), "{\"enabled\":false}");

    assertThat(second.status()).isEqualTo(202);
    assertThat(second.body().get("signing").asString()).isEqualTo("UNSIGNED");
    assertThat(second.body().get("keys")).isEmpty();
    assertThat(types(served(zoneId)))
        .doesNotContain(Type.RRSIG, Type.DNSKEY, Type.NSEC3, Type.CDS, Type.NSEC3PARAM);
  }

  @Test
  void theExportOfASignedZoneHasNoDnssecRecordsAndImportsCleanly() throws Exception {
    String zoneId = createZone();
    String apex = apex(zoneId);
    addA(zoneId, "www." + apex, "192.0.2.1");
    addA(zoneId, "a.deep." + apex, "192.0.2.2");
    assertThat(api.put(dnssec(zoneId), "{\"enabled\":true}").status()).isEqualTo(202);
    assertThat(types(served(zoneId))).contains(Type.RRSIG, Type.NSEC3, Type.DNSKEY, Type.CDS);

    String file = exported(zoneId);

    Set<Integer> exported = new HashSet<>();
    try (org.xbill.DNS.Master master =
        new org.xbill.DNS.Master(
            new java.io.ByteArrayInputStream(
                file.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            Name.fromString(apex))) {
      for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
        exported.add(r.getType());
      }
    }
    assertThat(exported)
        .contains(Type.SOA, Type.NS, Type.A)
        .doesNotContain(
            Type.RRSIG,
            Type.NSEC,
            Type.NSEC3,
            Type.NSEC3PARAM,
            Type.DNSKEY,
            Type.CDS,
            Type.CDNSKEY);
    // the zone goes away (as a finished DELETE removes it) and its export is imported again
    jdbc.update("delete from zones where id = ?", UUID.fromString(zoneId));
    ApiClient.Response imported = api.post("/v2/zones/tasks/imports", file, "text/dns");
    assertThat(imported.status()).as("%s", imported.body()).isEqualTo(202);
    JsonNode task = finished(imported.body().get("links").get("self").asString());
    assertThat(task.get("status").asString()).as("%s", task).isEqualTo("COMPLETE");
    String copyId = task.get("zone_id").asString();
    assertThat(api.get(dnssec(copyId)).body().get("signing").asString()).isEqualTo("UNSIGNED");
    assertThat(exported(copyId).replaceAll("SOA (\\S+ \\S+) \\d+ ", "SOA $1 SERIAL "))
        .isEqualTo(file.replaceAll("SOA (\\S+ \\S+) \\d+ ", "SOA $1 SERIAL "));
  }

  String exported(String zoneId) {
    ApiClient.Response export = api.post("/v2/zones/" + zoneId + "/tasks/export", "");
    assertThat(export.status()).as("%s", export.body()).isEqualTo(202);
    JsonNode done = finished("/v2/zones/tasks/exports/" + export.body().get("id").asString());
    assertThat(done.get("status").asString()).isEqualTo("COMPLETE");
    String link = done.get("links").get("export").asString();
    return api.text(link.substring(link.indexOf("/v2/")));
  }

  JsonNode finished(String taskPath) {
    String path = taskPath.substring(taskPath.indexOf("/v2/"));
    return org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> api.get(path).body(), t -> !t.get("status").asString().equals("PENDING"));
  }

  @Test
  void anotherProjectsZoneIsNotFoundAndASecondaryZoneIsRefused() {
    String zoneId = createZone();
    ApiClient other = new ApiClient(port, "dnssec-it-other");

    assertThat(other.get(dnssec(zoneId)).status()).isEqualTo(404);
    assertThat(other.put(dnssec(zoneId), "{\"enabled\":true}").status()).isEqualTo(404);

    ApiClient.Response secondary =
        api.post(
            "/v2/zones",
            "{\"name\":\"s"
                + UUID.randomUUID().toString().substring(0, 8)
                + ".example.org.\",\"type\":\"SECONDARY\",\"masters\":[\"192.0.2.53\"]}");
    assertThat(secondary.status()).as("%s", secondary.body()).isEqualTo(202);
    ApiClient.Response refused =
        api.put(dnssec(secondary.body().get("id").asString()), "{\"enabled\":true}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().get("message").asString()).contains("SECONDARY");
    assertThat(api.put(dnssec(zoneId), "{\"enabled\":true,\"algorithm\":\"RSASHA1\"}").status())
        .isEqualTo(400);
  }

  @Test
  void theOpenApiDescriptionHasTheDnssecResource() {
    assertThat(api.text("/v3/api-docs")).contains("/v2/zones/{zoneId}/dnssec");
  }

  // ---- helpers

  static String dnssec(String zoneId) {
    return "/v2/zones/" + zoneId + "/dnssec";
  }

  String createZone() {
    String name = "d" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
    ApiClient.Response created =
        api.post(
            "/v2/zones",
            "{\"name\":\"" + name + "\",\"email\":\"hostmaster@example.org\",\"ttl\":600}");
    assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
    return created.body().get("id").asString();
  }

  String apex(String zoneId) {
    return api.get("/v2/zones/" + zoneId).body().get("name").asString();
  }

  long serial(String zoneId) {
    return jdbc.queryForObject(
        "select serial from zones where id = ?", Long.class, UUID.fromString(zoneId));
  }

  String addA(String zoneId, String name, String address) {
    ApiClient.Response response =
        api.post(
            "/v2/zones/" + zoneId + "/recordsets",
            "{\"name\":\"" + name + "\",\"type\":\"A\",\"records\":[\"" + address + "\"]}");
    assertThat(response.status()).as("%s", response.body()).isEqualTo(202);
    return response.body().get("id").asString();
  }

  boolean randomChange(Random random, String zoneId, String apex, List<String> recordsets) {
    String base = "/v2/zones/" + zoneId;
    int kind = recordsets.isEmpty() ? 0 : random.nextInt(6);
    ApiClient.Response response;
    switch (kind) {
      case 0, 1 -> {
        String owner = List.of("a", "b.c", "*.w", "sub", "x.y.z").get(random.nextInt(5));
        String type = List.of("A", "MX", "TXT", "NS").get(random.nextInt(4));
        String data =
            switch (type) {
              case "A" -> "\"192.0.2." + (1 + random.nextInt(50)) + "\"";
              case "MX" -> "\"10 mail.example.org.\"";
              case "NS" -> "\"ns1.other.example.\"";
              default -> "\"\\\"v=" + random.nextInt(9) + "\\\"\"";
            };
        response =
            api.post(
                base + "/recordsets",
                "{\"name\":\""
                    + owner
                    + "."
                    + apex
                    + "\",\"type\":\""
                    + type
                    + "\",\"records\":["
                    + data
                    + "]}");
        if (response.status() == 202) {
          recordsets.add(response.body().get("id").asString());
        }
      }
      case 2 -> {
        String id = recordsets.get(random.nextInt(recordsets.size()));
        response =
            api.put(
                base + "/recordsets/" + id, "{\"ttl\":" + (300 + random.nextInt(3) * 300) + "}");
      }
      case 3, 4 -> {
        String id = recordsets.remove(random.nextInt(recordsets.size()));
        response = api.delete(base + "/recordsets/" + id);
      }
      default -> response = api.patch(base, "{\"ttl\":" + (600 + random.nextInt(3) * 60) + "}");
    }
    assertThat(response.status()).as("%s", response.body()).isIn(202, 200, 400, 409);
    return response.status() == 202 || response.status() == 200;
  }

  /** The zone as MiniDNS serves it: the SOA, the zone's records and what signing stored. */
  List<Record> served(String zoneId) {
    UUID id = UUID.fromString(zoneId);
    List<Record> records = new ArrayList<>();
    jdbc.query(
        """
        select s.name, s.type, coalesce(s.ttl, z.ttl) as ttl, r.data
        from records r join recordsets s on s.id = r.recordset_id join zones z on z.id = s.zone_id
        where z.id = ?
        union all
        select name, type, ttl, data from zone_dnssec_records where zone_id = ?
        """,
        rs -> {
          records.add(
              record(
                  rs.getString("name"),
                  rs.getString("type"),
                  rs.getLong("ttl"),
                  rs.getString("data")));
        },
        id,
        id);
    return records;
  }

  static Record record(String name, String type, long ttl, String data) {
    try {
      Name owner = Name.fromString(name, Name.root);
      return Record.fromString(owner, Type.value(type), DClass.IN, ttl, data, owner);
    } catch (IOException e) {
      throw new IllegalStateException(name + " " + type + " " + data, e);
    }
  }

  static String text(String name, String type, long ttl, String data) {
    return record(name, type, ttl, data).toString();
  }

  static Set<String> texts(List<Record> records) {
    Set<String> texts = new HashSet<>();
    records.forEach(r -> assertThat(texts.add(r.toString())).as("duplicate %s", r).isTrue());
    return texts;
  }

  static Set<Integer> types(List<Record> records) {
    Set<Integer> types = new HashSet<>();
    records.forEach(r -> types.add(r.getType()));
    return types;
  }

  static List<Record> kskOnly(List<Record> zone) {
    return zone.stream()
        .filter(r -> r.getType() == Type.DNSKEY)
        .filter(r -> (((org.xbill.DNS.DNSKEYRecord) r).getFlags() & 1) == 1)
        .toList();
  }

  static void assertVerifies(String apex, List<Record> zone) throws IOException {
    DnssecTools.Verdict verdict = DnssecTools.verify(apex, zone);
    assertThat(verdict.verified()).as("dnssec-verify:%n%s", verdict.output()).isTrue();
  }
}
