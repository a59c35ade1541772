package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Secondary;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Shared zones end to end (over REST: the Debian python-designateclient 5.0.0 has no {@code zone
 * share} commands): a recordset that a project the zone is shared with creates is served by both
 * real BIND9 secondaries, and the zone, deleted with its shares, leaves them.
 */
class SharedZoneSystemIT {

  static ApiClient owner;
  static ApiClient sharee;

  @RegisterExtension
  static final StackExtension stack =
      StackExtension.named("shares")
          .started(s -> {
            owner = new ApiClient(s.apiPort(), "owner-project").withHeader("X-Roles", "member");
            sharee = new ApiClient(s.apiPort(), "sharee-project").withHeader("X-Roles", "member");
          });

  @Test
  void aShareesRecordsetReachesBothSecondaries() throws Exception {
    String zone = "shared-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
    String id = stack.zones().with(owner).create(zone);
    ApiClient.Response shared =
        owner.post("/v2/zones/" + id + "/shares", "{\"target_project_id\":\"sharee-project\"}");
    assertThat(shared.status()).as("%s", shared.body()).isEqualTo(201);

    ApiClient.Response recordset =
        sharee.post(
            "/v2/zones/" + id + "/recordsets",
            "{\"name\":\"app." + zone + "\",\"type\":\"A\",\"records\":[\"192.0.2.77\"]}");
    assertThat(recordset.status()).as("%s", recordset.body()).isEqualTo(202);
    assertThat(recordset.body().get("project_id").asString()).isEqualTo("sharee-project");
    stack.zones().with(owner).awaitActive(id);

    long serial = owner.get("/v2/zones/" + id).body().get("serial").asLong();
    for (Bind9Secondary bind : List.of(stack.bindA(), stack.bindB())) {
      assertThat(bind.soaSerial(zone)).hasValue(serial);
      Message answer = bind.query("app." + zone, Type.A);
      assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(answer.getSection(Section.ANSWER))
          .singleElement()
          .satisfies(
              r -> assertThat(((ARecord) r).getAddress().getHostAddress()).isEqualTo("192.0.2.77"));
    }
    assertThat(
            sharee
                .get("/v2/zones/" + id + "/recordsets/" + recordset.body().get("id").asString())
                .body()
                .get("status")
                .asString())
        .isEqualTo("ACTIVE");

    assertThat(owner.delete("/v2/zones/" + id).status()).isEqualTo(400);
    assertThat(
            owner
                .withHeader("X-Designate-Delete-Shares", "true")
                .delete("/v2/zones/" + id)
                .status())
        .isEqualTo(202);
    await("zone deleted")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(owner.get("/v2/zones/" + id).status()).isEqualTo(404));
    for (Bind9Secondary bind : List.of(stack.bindA(), stack.bindB())) {
      assertThat(bind.query(zone, Type.SOA).getRcode()).isEqualTo(Rcode.REFUSED);
    }
  }
}
