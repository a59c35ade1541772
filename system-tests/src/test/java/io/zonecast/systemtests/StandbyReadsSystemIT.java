package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.PostgresStandby;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * MiniDNS reading from a PostgreSQL streaming hot standby that lags on purpose (its replay paused):
 * it never serves a SOA, AXFR or IXFR older than the serial it was asked to NOTIFY and poll for, so
 * the zones still turn ACTIVE on BIND9; once replay resumes and the standby has caught up, it reads
 * from the standby again. The stack runs on a primary and standby of the test's own.
 */
class StandbyReadsSystemIT {

  static PostgresStandby postgres;
  static ApiClient api;
  static ZoneSteps zones;
  static ApiClient minidnsManagement;

  @RegisterExtension
  static final StackExtension stack =
      StackExtension.named("standby_reads")
          .before(() -> postgres = PostgresStandby.start())
          .options(o -> {
            String database = postgres.createDatabase("standby_reads");
            o.database(postgres.primaryUrl(database))
                .minidns(
                    List.of(
                        "--zonecast.minidns.read-replica.url=" + postgres.standbyUrl(database),
                        "--zonecast.minidns.read-replica.username=postgres"));
          })
          .started(s -> {
            api = s.api;
            zones = s.zones;
            minidnsManagement = new ApiClient(s.minidnsHttpPort, "standby_reads");
          });

  @Test
  void aLaggingStandbyNeverMakesMiniDnsServeAnOlderSerial() throws Exception {
    String changed = ZoneSteps.newZone("standby");
    String changedId = zones.create(changed);
    long before = zones.awaitActive(changedId);
    awaitStandbyCaughtUp();

    postgres.pauseReplay();
    double behindBefore = reads("behind");
    double missingBefore = reads("missing");
    zones.addA(changedId, "new." + changed, "192.0.2.55");
    String created = ZoneSteps.newZone("standby");
    String createdId = zones.create(created);
    long after = zones.awaitActive(changedId);
    long createdSerial = zones.awaitActive(createdId);

    // the standby really lags: it has neither the change nor the new zone
    assertThat(standbySerial(changed)).isEqualTo(before);
    assertThat(standbySerial(created)).isNull();
    assertThat(after).isNotEqualTo(before);
    // MiniDNS answered from the primary: SOA, AXFR and IXFR at the serials it was told
    assertThat(soaSerial(changed)).isEqualTo(after);
    assertThat(soaSerial(created)).isEqualTo(createdSerial);
    List<Record> axfr = zones.axfr(changed);
    assertThat(((SOARecord) axfr.getFirst()).getSerial()).isEqualTo(after);
    assertThat(axfr).anyMatch(r -> r.getName().toString().equals("new." + changed));
    ZoneTransferIn ixfr = zones.ixfrFrom(changed, before);
    assertThat(ixfr.isIXFR()).isTrue();
    assertThat(ixfr.getIXFR().getLast().end).isEqualTo(after);
    assertThat(((SOARecord) zones.axfr(created).getFirst()).getSerial()).isEqualTo(createdSerial);
    assertThat(stack.bindA().soaSerial(changed)).hasValue(after);
    assertThat(stack.bindB().soaSerial(created)).hasValue(createdSerial);
    assertThat(reads("behind")).isGreaterThan(behindBefore);
    assertThat(reads("missing")).isGreaterThan(missingBefore);

    postgres.resumeReplay();
    awaitStandbyCaughtUp();
    double fromStandby = reads("replica");
    double behind = reads("behind");
    double missing = reads("missing");

    assertThat(((SOARecord) zones.axfr(changed).getFirst()).getSerial()).isEqualTo(after);
    assertThat(((SOARecord) zones.axfr(created).getFirst()).getSerial()).isEqualTo(createdSerial);
    assertThat(reads("replica")).isGreaterThanOrEqualTo(fromStandby + 2);
    assertThat(reads("behind")).isEqualTo(behind);
    assertThat(reads("missing")).isEqualTo(missing);
  }

  static void awaitStandbyCaughtUp() {
    await("standby caught up")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(postgres::caughtUp);
  }

  /** The zone's serial on the standby, null when the standby does not have the zone. */
  static Long standbySerial(String zone) throws Exception {
    try (Connection c = postgres.standby("standby_reads");
        PreparedStatement s = c.prepareStatement("select serial from zones where name = ?")) {
      s.setString(1, zone);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  /** MiniDNS's count of zone reads with that outcome (replica, behind, missing, unavailable). */
  static double reads(String outcome) {
    ApiClient.Response metric =
        minidnsManagement.get(
            "/actuator/metrics/zonecast.minidns.replica.reads?tag=outcome:" + outcome);
    assertThat(metric.status()).as("%s", metric.body()).isEqualTo(200);
    return metric.body().get("measurements").get(0).get("value").asDouble();
  }

  static long soaSerial(String zone) throws Exception {
    SimpleResolver minidns = new SimpleResolver("127.0.0.1");
    minidns.setPort(stack.minidnsPort());
    Message answer =
        minidns.send(
            Message.newQuery(
                Record.newRecord(Name.fromString(zone), Type.SOA, org.xbill.DNS.DClass.IN)));
    return ((SOARecord) answer.getSection(Section.ANSWER).getFirst()).getSerial();
  }
}
