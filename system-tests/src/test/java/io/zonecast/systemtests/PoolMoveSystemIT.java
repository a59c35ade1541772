package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.model.pool.Pool;
import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Secondary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import tools.jackson.databind.JsonNode;

/**
 * Designate's pool move end to end, with two pools of one real BIND9 each ({@code default}: {@link
 * ZonecastStack#bindA}, {@code gold}: {@link ZonecastStack#bindB}): the zone ends served by the
 * gold pool's BIND9 with the gold pool's NS and SOA MNAME, REFUSED by the default pool's, and
 * during the whole move one of the two answers for it.
 */
class PoolMoveSystemIT {

  static Bind9Secondary standard;
  static Bind9Secondary gold;
  static ApiClient admin;

  @RegisterExtension
  static final StackExtension stack =
      StackExtension.named("poolmove")
          .options(o -> o.layout(ZonecastStack.Layout.TWO_POOLS))
          .started(s -> {
            standard = s.bindA;
            gold = s.bindB;
            admin = s.api.withHeader("X-Roles", "admin");
          });

  /** One look at both secondaries: the old pool's first, then the new pool's. */
  record Probe(int standardRcode, int goldRcode) {
    boolean served() {
      return standardRcode == Rcode.NOERROR || goldRcode == Rcode.NOERROR;
    }
  }

  static int soaRcode(Bind9Secondary bind, String zone) {
    try {
      Message answer = bind.query(zone, Type.SOA);
      boolean hasSoa =
          answer.getSection(Section.ANSWER).stream().anyMatch(SOARecord.class::isInstance);
      return answer.getRcode() == Rcode.NOERROR && !hasSoa ? -1 : answer.getRcode();
    } catch (Exception e) {
      return -2;
    }
  }

  /** Waits until the zone is ACTIVE (a move waits for both pools); the zone as the API shows it. */
  static JsonNode awaitActive(String id) {
    stack.zones().with(admin).awaitActive(id, Duration.ofSeconds(90));
    return admin.get("/v2/zones/" + id).body();
  }

  @Test
  void aZoneMovesToTheGoldPoolWithoutAGapInService() throws Exception {
    String zone = "moving-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
    ZoneSteps zones = stack.zones().with(admin);
    String id = zones.create(zone);
    zones.addA(id, "www." + zone, "192.0.2.80");
    JsonNode before = awaitActive(id);
    assertThat(before.get("pool_id").asString()).isEqualTo(Pool.DEFAULT_POOL_ID.toString());
    assertThat(standard.soaSerial(zone)).hasValue(before.get("serial").asLong());
    assertThat(gold.query(zone, Type.SOA).getRcode()).isEqualTo(Rcode.REFUSED);

    // probe both secondaries, old pool first, for as long as the move takes
    AtomicBoolean moving = new AtomicBoolean(true);
    List<Probe> probes = new ArrayList<>();
    CompletableFuture<Void> prober =
        CompletableFuture.runAsync(() -> {
          while (moving.get()) {
            probes.add(new Probe(soaRcode(standard, zone), soaRcode(gold, zone)));
          }
        });

    ApiClient.Response moved =
        admin.post(
            "/v2/zones/" + id + "/tasks/pool_move",
            "{\"pool_id\":\"" + ZonecastStack.GOLD_POOL_ID + "\"}");
    assertThat(moved.status()).as("%s", moved.body()).isEqualTo(202);
    assertThat(admin.get("/v2/zones/" + id).body().get("status").asString()).isEqualTo("PENDING");
    JsonNode after = awaitActive(id);
    moving.set(false);
    prober.join();

    assertThat(after.get("pool_id").asString()).isEqualTo(ZonecastStack.GOLD_POOL_ID);
    long serial = after.get("serial").asLong();
    assertThat(serial).isGreaterThan(before.get("serial").asLong());
    assertThat(gold.soaSerial(zone)).hasValue(serial);
    Message soa = gold.query(zone, Type.SOA);
    assertThat(((SOARecord) soa.getSection(Section.ANSWER).getFirst()).getHost().toString())
        .isEqualTo("ns1.gold.zonecast.test.");
    Message ns = gold.query(zone, Type.NS);
    assertThat(
            ns.getSection(Section.ANSWER).stream()
                .map(r -> ((NSRecord) r).getTarget().toString())
                .toList())
        .containsExactly("ns1.gold.zonecast.test.");
    Message a = gold.query("www." + zone, Type.A);
    assertThat(((ARecord) a.getSection(Section.ANSWER).getFirst()).getAddress().getHostAddress())
        .isEqualTo("192.0.2.80");
    assertThat(standard.query(zone, Type.SOA).getRcode()).isEqualTo(Rcode.REFUSED);

    // every look during the move found the zone served by one of the two pools
    assertThat(probes).isNotEmpty();
    assertThat(probes).allSatisfy(p -> assertThat(p.served()).as("%s", p).isTrue());
    assertThat(probes).anySatisfy(p -> assertThat(p.goldRcode()).isEqualTo(Rcode.NOERROR));

    // the zone goes on changing in its new pool
    ApiClient.Response later =
        admin.post(
            "/v2/zones/" + id + "/recordsets",
            "{\"name\":\"api." + zone + "\",\"type\":\"A\",\"records\":[\"192.0.2.81\"]}");
    assertThat(later.status()).isEqualTo(202);
    long changed = awaitActive(id).get("serial").asLong();
    assertThat(gold.soaSerial(zone)).hasValue(changed);
    assertThat(standard.query(zone, Type.SOA).getRcode()).isEqualTo(Rcode.REFUSED);
  }
}
