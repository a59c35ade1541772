package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Secondary;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The spine, end to end: a zone and an A recordset created over REST turn ACTIVE only after two
 * real BIND9 secondaries pulled them from MiniDNS, and both answer for the record; deleting the
 * zone removes it from both.
 */
class ZoneLifecycleSystemIT {

  static Bind9Secondary bindA;
  static Bind9Secondary bindB;
  static ApiClient api;

  @RegisterExtension
  static final StackExtension stack =
      StackExtension.named("system")
          .started(s -> {
            bindA = s.bindA;
            bindB = s.bindB;
            api = s.api;
          });

  @Test
  void zoneAndRecordReachBothSecondariesAndDeleteRemovesThem() throws Exception {
    String zone = "spine-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
    String id = stack.zones().create(zone);
    // a new zone is transferred when it is added to the targets, with no NOTIFY (the pool manager
    // holds it while the first transfer is under way); the record's change to the served zone is
    // NOTIFYd, as the metrics below show
    stack.zones().awaitActive(id);

    stack.zones().addA(id, "www." + zone, "192.0.2.44");

    long serial = stack.zones().awaitActive(id);
    for (Bind9Secondary bind : List.of(bindA, bindB)) {
      assertThat(bind.soaSerial(zone)).hasValue(serial);
      Message answer = bind.query("www." + zone, Type.A);
      assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(answer.getSection(Section.ANSWER))
          .singleElement()
          .satisfies(
              r -> assertThat(((ARecord) r).getAddress().getHostAddress()).isEqualTo("192.0.2.44"));
    }
    assertThat(
            api.get("/v2/zones/" + id + "/recordsets")
                .body()
                .get("recordsets")
                .valueStream()
                .map(r -> r.get("status").asString()))
        .containsOnly("ACTIVE");

    // the change is in the metrics: central's change-to-verdict histogram, MiniDNS's transfers
    assertThat(api.text("/actuator/prometheus"))
        .containsPattern(
            "zonecast_zone_change_duration_seconds_count\\{action=\"(CREATE|UPDATE)\",outcome=\"ACTIVE\"[^}]*} [1-9]")
        .contains("zonecast_zone_change_duration_seconds_bucket{");
    String minidnsMetrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:"
                                + stack.get().minidnsHttpPort
                                + "/actuator/prometheus"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(minidnsMetrics)
        .containsPattern("zonecast_minidns_transfers_seconds_count\\{[^}]*} [1-9]")
        .containsPattern("zonecast_minidns_transfer_size_bytes_sum\\{[^}]*} [1-9]")
        .containsPattern("zonecast_minidns_notify_messages_total(\\{[^}]*})? [1-9]")
        .containsPattern(
            "zonecast_minidns_poll_tasks_total\\{[^}]*outcome=\"success\"[^}]*} [1-9]");

    ApiClient.Response deleting = api.delete("/v2/zones/" + id);
    assertThat(deleting.status()).isEqualTo(202);

    stack.zones().awaitDeleted(id);
    for (Bind9Secondary bind : List.of(bindA, bindB)) {
      assertThat(bind.query(zone, Type.SOA).getRcode()).isEqualTo(Rcode.REFUSED);
    }
  }
}
