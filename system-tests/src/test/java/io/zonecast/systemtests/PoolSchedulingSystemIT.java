package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.model.pool.Pool;
import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Secondary;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import tools.jackson.databind.JsonNode;

/**
 * Several pools in one pools file, end to end: the {@code default} pool (tier standard) has one
 * real BIND9 secondary, the {@code gold} pool (tier gold) another. central's scheduler, with its
 * default filters, places each new zone by its attributes; the pool manager provisions it on its
 * pool's secondary only, which serves it with its pool's NS records; the other one never hears of
 * it (REFUSED).
 */
class PoolSchedulingSystemIT {

  static Bind9Secondary standard;
  static Bind9Secondary gold;
  static ApiClient admin;
  static ApiClient member;

  @RegisterExtension
  static final StackExtension stack =
      StackExtension.named("pools")
          .options(o -> o.layout(ZonecastStack.Layout.TWO_POOLS))
          .started(s -> {
            standard = s.bindA;
            gold = s.bindB;
            admin = s.api;
            member = s.api.withHeader("X-Roles", "member");
          });

  static String newZoneName(String label) {
    return label + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
  }

  static String body(String zone, String attributes) {
    return "{\"name\":\""
        + zone
        + "\",\"email\":\"hostmaster@example.org\",\"ttl\":300"
        + (attributes == null ? "" : ",\"attributes\":" + attributes)
        + "}";
  }

  /** Creates the zone, waits until it is ACTIVE, and returns its JSON as last read. */
  static JsonNode createdActive(ApiClient api, String zone, String attributes) {
    ApiClient.Response created = api.post("/v2/zones", body(zone, attributes));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
    String id = created.body().get("id").asString();
    await("zone " + zone + " ACTIVE")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() ->
            assertThat(api.get("/v2/zones/" + id).body().get("status").asString())
                .as("zone status; logs in target/system-test-logs")
                .isEqualTo("ACTIVE"));
    return api.get("/v2/zones/" + id).body();
  }

  static List<String> nsNames(Bind9Secondary bind, String zone) throws Exception {
    Message answer = bind.query(zone, Type.NS);
    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    return answer.getSection(Section.ANSWER).stream()
        .filter(NSRecord.class::isInstance)
        .map(r -> ((NSRecord) r).getTarget().toString())
        .toList();
  }

  @Test
  void aZoneWithTheGoldAttributeIsServedByTheGoldPoolOnly() throws Exception {
    String zone = newZoneName("gold");
    JsonNode json = createdActive(member, zone, "{\"tier\":\"gold\"}");

    assertThat(json.get("pool_id").asString()).isEqualTo(ZonecastStack.GOLD_POOL_ID);
    assertThat(json.get("attributes").get("tier").asString()).isEqualTo("gold");
    assertThat(gold.soaSerial(zone)).hasValue(json.get("serial").asLong());
    assertThat(nsNames(gold, zone)).containsExactly("ns1.gold.zonecast.test.");
    assertThat(
            member
                .get("/v2/zones/" + json.get("id").asString() + "/nameservers")
                .body()
                .get("nameservers")
                .get(0)
                .get("hostname")
                .asString())
        .isEqualTo("ns1.gold.zonecast.test.");
    assertThat(standard.query(zone, Type.SOA).getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(standard.log()).doesNotContain(zone.substring(0, zone.length() - 1));
  }

  @Test
  void aZoneWithoutAttributesLandsInTheDefaultPool() throws Exception {
    String zone = newZoneName("plain");
    JsonNode json = createdActive(member, zone, null);

    assertThat(json.get("pool_id").asString()).isEqualTo(Pool.DEFAULT_POOL_ID.toString());
    assertThat(standard.soaSerial(zone)).hasValue(json.get("serial").asLong());
    assertThat(nsNames(standard, zone)).containsExactly("ns1.standard.zonecast.test.");
    assertThat(gold.query(zone, Type.SOA).getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void anAdminsPoolIdForcesThePool() throws Exception {
    String zone = newZoneName("forced");
    JsonNode json =
        createdActive(admin, zone, "{\"pool_id\":\"" + ZonecastStack.GOLD_POOL_ID + "\"}");

    assertThat(json.get("pool_id").asString()).isEqualTo(ZonecastStack.GOLD_POOL_ID);
    assertThat(gold.soaSerial(zone)).hasValue(json.get("serial").asLong());
    assertThat(standard.query(zone, Type.SOA).getRcode()).isEqualTo(Rcode.REFUSED);

    ApiClient.Response refused =
        member.post(
            "/v2/zones",
            body(newZoneName("refused"), "{\"pool_id\":\"" + ZonecastStack.GOLD_POOL_ID + "\"}"));
    assertThat(refused.status()).as("%s", refused.body()).isEqualTo(403);
  }

  @Test
  void badAttributesAreClearErrors() {
    ApiClient.Response notStrings =
        member.post("/v2/zones", body(newZoneName("bad"), "{\"tier\":5}"));
    assertThat(notStrings.status()).isEqualTo(400);
    assertThat(notStrings.body().get("type").asString()).isEqualTo("invalid_object");
    assertThat(notStrings.body().get("message").asString())
        .isEqualTo("attribute 'tier' must be a string, not 5");

    ApiClient.Response noPool =
        member.post("/v2/zones", body(newZoneName("none"), "{\"tier\":\"platinum\"}"));
    assertThat(noPool.status()).isEqualTo(404);
    assertThat(noPool.body().get("type").asString()).isEqualTo("no_valid_pool_found");
  }

  @Test
  void aGoldZoneIsDeletedFromTheGoldPool() throws Exception {
    String zone = newZoneName("gone");
    String id = createdActive(member, zone, "{\"tier\":\"gold\"}").get("id").asString();

    assertThat(member.delete("/v2/zones/" + id).status()).isEqualTo(202);
    await("zone deleted")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(member.get("/v2/zones/" + id).status()).isEqualTo(404));
    assertThat(gold.query(zone, Type.SOA).getRcode()).isEqualTo(Rcode.REFUSED);
  }
}
