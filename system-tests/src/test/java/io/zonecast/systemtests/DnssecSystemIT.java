package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Secondary;
import io.zonecast.testsupport.DnssecTools;
import io.zonecast.testsupport.ValidatingResolver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;
import tools.jackson.databind.JsonNode;

/**
 * A zone signed by zonecast, served by a real BIND9 secondary: after enabling and after each change
 * the AXFR taken from the secondary passes BIND's {@code dnssec-verify}, the API's DS is {@code
 * dnssec-dsfromkey} of the served KSK, and a validating BIND9 resolver with that DS as its trust
 * anchor answers with AD, and SERVFAIL once a signature is broken on purpose.
 */
class DnssecSystemIT {

  static ApiClient api;
  static ZoneSteps zones;
  static Bind9Secondary bind;

  @RegisterExtension
  static final StackExtension stack =
      StackExtension.named("dnssec_system")
          .central(
              ZonecastStack.newKeyEncryptionKey(),
              // rollover waits of seconds (zone TTL 5 s): each rollover step lasts about 15 s
              "--zonecast.dnssec.resign-interval=1s",
              "--zonecast.dnssec.propagation-delay=10s",
              "--zonecast.dnssec.parent-ds-ttl=5s")
          .started(s -> {
            api = s.api;
            zones = s.zones;
            bind = s.bindA;
          });

  @Test
  void aSignedZoneVerifiesAfterEveryChangeAndValidatesAtAResolver() throws Exception {
    String zone = "signed" + UUID.randomUUID().toString().substring(0, 6) + ".example.org.";
    String id = zones.create(zone);
    String www = zones.addRecordset(id, "www." + zone, "A", "192.0.2.1");
    zones.addRecordset(id, "mail." + zone, "MX", "10 mx.example.net.");
    zones.awaitActive(id);

    ApiClient.Response enabled = api.put("/v2/zones/" + id + "/dnssec", "{\"enabled\":true}");
    assertThat(enabled.status()).as("%s", enabled.body()).isEqualTo(202);
    zones.awaitActive(id);
    List<Record> signed = verifiedAxfrFromTheSecondary(zone);
    List<String> ds = new ArrayList<>();
    api.get("/v2/zones/" + id + "/dnssec").body().get("ds").forEach(d -> ds.add(d.asString()));
    assertThat(ds).hasSize(1);
    List<Record> ksks =
        signed.stream()
            .filter(r -> r.getType() == Type.DNSKEY)
            .filter(r -> (((org.xbill.DNS.DNSKEYRecord) r).getFlags() & 1) == 1)
            .toList();
    assertThat(DnssecTools.dsFromKeys(zone, ksks)).isEqualTo(ds);

    try (ValidatingResolver resolver = ValidatingResolver.start(zone, ds, bind.port())) {
      assertValidated(resolver, "www." + zone);

      String added = zones.addRecordset(id, "new." + zone, "A", "192.0.2.2");
      zones.awaitActive(id);
      verifiedAxfrFromTheSecondary(zone);
      assertValidated(resolver, "new." + zone);

      assertThat(
              api.put("/v2/zones/" + id + "/recordsets/" + www, "{\"records\":[\"192.0.2.9\"]}")
                  .status())
          .isEqualTo(202);
      zones.awaitActive(id);
      verifiedAxfrFromTheSecondary(zone);

      assertThat(api.delete("/v2/zones/" + id + "/recordsets/" + added).status()).isEqualTo(202);
      zones.awaitActive(id);
      verifiedAxfrFromTheSecondary(zone);
      // the name is gone: an authenticated denial (NSEC3) still validates; the resolver may still
      // hold its answer from before the delete for up to its max-cache-ttl (1 s)
      await("the resolver's cached answer for the deleted name expires")
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> resolver.query("new." + zone).getRcode() == Rcode.NXDOMAIN);
      Message gone = resolver.query("new." + zone);
      assertThat(gone.getRcode()).as("%s", gone).isEqualTo(Rcode.NXDOMAIN);
      assertThat(gone.getHeader().getFlag(Flags.AD)).as("%s", gone).isTrue();

      // one signature broken on purpose, and the secondary given the zone again
      zones.addRecordset(id, "bad." + zone, "A", "192.0.2.66");
      zones.awaitActive(id);
      String broken = breakSignatureOf(id, "bad." + zone, "A");
      bind.rndc("retransfer", zone);
      await("the secondary serves the broken signature")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> axfr(zone).stream().anyMatch(r -> r.rdataToString().equals(broken)));
      assertThat(DnssecTools.verify(zone, axfr(zone)).verified()).isFalse();
      Message servfail = resolver.query("bad." + zone);
      assertThat(servfail.getRcode())
          .as("%s%nresolver log:%n%s", servfail, resolver.log())
          .isEqualTo(Rcode.SERVFAIL);
      assertValidated(resolver, "www." + zone);
    }
  }

  /**
   * A ZSK rollover and then a KSK rollover run to the end in real time (waits of seconds), while
   * the AXFR from the secondary is checked with dnssec-verify and a validating resolver asked again
   * and again; each step of each rollover must have been seen validated. The resolver's trust
   * anchor is what the parent would hold: the first DS, both DS once the operator handed the new
   * one to the parent, the new DS alone once the old KSK is gone.
   */
  @Test
  void aZskAndAKskRollToTheEndAndTheResolverValidatesAtEveryStep() throws Exception {
    String zone = "roll" + UUID.randomUUID().toString().substring(0, 6) + ".example.org.";
    String id = zones.create(zone, 5);
    zones.addRecordset(id, "www." + zone, "A", "192.0.2.1");
    zones.awaitActive(id);
    assertThat(api.put("/v2/zones/" + id + "/dnssec", "{\"enabled\":true}").status())
        .isEqualTo(202);
    zones.awaitActive(id);
    List<String> firstDs = ds(id);
    assertThat(firstDs).hasSize(1);

    try (ValidatingResolver resolver = ValidatingResolver.start(zone, firstDs, bind.port())) {
      assertValidated(resolver, "www." + zone);
      ApiClient.Response zsk =
          api.post("/v2/zones/" + id + "/dnssec/rollover", "{\"role\":\"ZSK\"}");
      assertThat(zsk.status()).as("%s", zsk.body()).isEqualTo(202);
      Set<String> seen = watchUntil(id, zone, resolver, "KSK:ACTIVE ZSK:ACTIVE");
      assertThat(seen)
          .contains(
              "KSK:ACTIVE ZSK:ACTIVE ZSK:PUBLISHED",
              "KSK:ACTIVE ZSK:ACTIVE ZSK:RETIRED",
              "KSK:ACTIVE ZSK:ACTIVE");
      assertThat(ds(id)).isEqualTo(firstDs);
    }

    ApiClient.Response ksk = api.post("/v2/zones/" + id + "/dnssec/rollover", "{\"role\":\"KSK\"}");
    assertThat(ksk.status()).as("%s", ksk.body()).isEqualTo(202);
    zones.awaitActive(id);
    List<String> bothDs = ds(id);
    assertThat(bothDs).hasSize(2).containsAll(firstDs);
    // a resolver whose parent has only the old DS still validates: the new KSK is not served yet
    try (ValidatingResolver resolver = ValidatingResolver.start(zone, firstDs, bind.port())) {
      assertValidated(resolver, "www." + zone);
      assertValidated(resolver, zone, Type.DNSKEY);
    }
    // the operator hands the new DS to the parent, which now holds both
    try (ValidatingResolver resolver = ValidatingResolver.start(zone, bothDs, bind.port())) {
      assertValidated(resolver, "www." + zone);
      ApiClient.Response published =
          api.post("/v2/zones/" + id + "/dnssec/checkds", "{\"ds\":\"published\"}");
      assertThat(published.status()).as("%s", published.body()).isEqualTo(202);
      Set<String> seen = watchUntil(id, zone, resolver, "KSK:ACTIVE ZSK:ACTIVE");
      assertThat(seen)
          .contains(
              "KSK:ACTIVE KSK:DS_PENDING ZSK:ACTIVE",
              "KSK:ACTIVE KSK:RETIRED ZSK:ACTIVE",
              "KSK:ACTIVE ZSK:ACTIVE");
    }
    List<String> lastDs = ds(id);
    assertThat(lastDs).hasSize(1).isSubsetOf(bothDs).doesNotContainAnyElementsOf(firstDs);
    // the parent drops the old DS
    try (ValidatingResolver resolver = ValidatingResolver.start(zone, lastDs, bind.port())) {
      assertValidated(resolver, "www." + zone);
      assertValidated(resolver, zone, Type.DNSKEY);
      List<Record> served = verifiedAxfrFromTheSecondary(zone);
      assertThat(DnssecTools.dsFromKeys(zone, ksks(served))).isEqualTo(lastDs);
    }
  }

  /**
   * Until the zone's keys are {@code last}: again and again the secondary's AXFR must verify and
   * the resolver validate www and the DNSKEY set; returns the key steps (each key's "ROLE:STATE",
   * sorted) seen ACTIVE and unchanged across such a check, whose served CDS was the API's ds.
   */
  static Set<String> watchUntil(String id, String zone, ValidatingResolver resolver, String last) {
    Set<String> seen = new LinkedHashSet<>();
    // a failed check fails at once; the timeout message names the steps seen so far
    await("rollover ended")
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> new Watched(checkedStableStep(id, zone, resolver, seen), List.copyOf(seen)),
            watched -> last.equals(watched.stableStep()) && watched.seen().size() > 1);
    return seen;
  }

  /** One check of {@link #watchUntil}: its step, when stable (else null), and the steps seen. */
  record Watched(String stableStep, List<String> seen) {}

  /**
   * Checks the served zone once; returns the key step when it stayed ACTIVE and unchanged across
   * the check (after checking its CDS and adding it to {@code seen}), otherwise null.
   */
  static String checkedStableStep(
      String id, String zone, ValidatingResolver resolver, Set<String> seen) throws Exception {
    JsonNode before = api.get("/v2/zones/" + id + "/dnssec").body();
    List<Record> served = verifiedAxfrFromTheSecondary(zone);
    assertValidated(resolver, "www." + zone);
    assertValidated(resolver, zone, Type.DNSKEY);
    JsonNode after = api.get("/v2/zones/" + id + "/dnssec").body();
    String step = step(after);
    boolean stable =
        step(before).equals(step)
            && before.get("status").asString().equals("ACTIVE")
            && after.get("status").asString().equals("ACTIVE");
    if (!stable) {
      return null;
    }
    List<String> cds =
        served.stream().filter(r -> r.getType() == Type.CDS).map(Record::rdataToString).toList();
    List<String> ds = new ArrayList<>();
    after.get("ds").forEach(d -> ds.add(d.asString()));
    assertThat(cds).as("CDS served at step %s", step).containsExactlyInAnyOrderElementsOf(ds);
    seen.add(step);
    return step;
  }

  static String step(JsonNode dnssec) {
    List<String> keys = new ArrayList<>();
    dnssec
        .get("keys")
        .forEach(k -> keys.add(k.get("role").asString() + ":" + k.get("state").asString()));
    return String.join(" ", keys.stream().sorted().toList());
  }

  static List<String> ds(String id) {
    List<String> ds = new ArrayList<>();
    api.get("/v2/zones/" + id + "/dnssec").body().get("ds").forEach(d -> ds.add(d.asString()));
    return ds;
  }

  static List<Record> ksks(List<Record> zone) {
    return zone.stream()
        .filter(r -> r.getType() == Type.DNSKEY)
        .filter(r -> (((org.xbill.DNS.DNSKEYRecord) r).getFlags() & 1) == 1)
        .toList();
  }

  static void assertValidated(ValidatingResolver resolver, String name, int type) throws Exception {
    Message answer = resolver.query(name, type);
    assertThat(answer.getRcode()).as("%s%n%s", answer, resolver.log()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.getHeader().getFlag(Flags.AD)).as("AD in %s", answer).isTrue();
    assertThat(answer.getSection(Section.ANSWER)).isNotEmpty();
  }

  static void assertValidated(ValidatingResolver resolver, String name) throws Exception {
    Message answer = resolver.query(name);
    assertThat(answer.getRcode()).as("%s%n%s", answer, resolver.log()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.getHeader().getFlag(Flags.AD)).as("AD in %s", answer).isTrue();
    assertThat(answer.getSection(Section.ANSWER)).isNotEmpty();
  }

  /** The AXFR from the BIND9 secondary, which {@code dnssec-verify} accepts. */
  static List<Record> verifiedAxfrFromTheSecondary(String zone) throws Exception {
    List<Record> records = axfr(zone);
    DnssecTools.Verdict verdict = DnssecTools.verify(zone, records);
    assertThat(verdict.verified()).as("dnssec-verify:%n%s", verdict.output()).isTrue();
    return records;
  }

  /** The zone as the BIND9 secondary transfers it, without the closing SOA. */
  static List<Record> axfr(String zone) throws Exception {
    ZoneTransferIn axfr =
        ZoneTransferIn.newAXFR(Name.fromString(zone), bind.address(), bind.port(), null);
    axfr.run();
    List<Record> records = new ArrayList<>(axfr.getAXFR());
    records.removeLast(); // the closing SOA
    return records;
  }

  /** Corrupts the stored RRSIG of one RRset (some signature bytes); returns its new rdata. */
  static String breakSignatureOf(String zoneId, String name, String type) throws Exception {
    try (Connection db = stack.get().database();
        PreparedStatement update =
            db.prepareStatement(
                """
                update zone_dnssec_records
                set data = overlay(data placing 'AAAA' from length(data) - 20 for 4)
                where zone_id = ? and name = ? and type = 'RRSIG' and covered = ?
                returning data
                """)) {
      update.setObject(1, UUID.fromString(zoneId));
      update.setString(2, name);
      update.setString(3, type);
      var result = update.executeQuery();
      assertThat(result.next()).isTrue();
      return result.getString(1);
    }
  }
}
