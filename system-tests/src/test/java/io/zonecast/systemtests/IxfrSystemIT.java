package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Secondary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * IXFR end to end: central journals each change, MiniDNS answers a real BIND9 secondary's IXFR with
 * the difference; a current client gets one SOA, and a serial the compacted journal no longer
 * reaches gets the whole zone. Central keeps {@link #KEPT} steps per zone and compacts every second
 * here.
 */
class IxfrSystemIT {

  static final int KEPT = 4;
  static Bind9Secondary bind;
  static ApiClient api;
  static ZoneSteps zones;

  @RegisterExtension
  static final StackExtension stack =
      StackExtension.named("ixfr_system")
          .central(
              "--zonecast.central.journal.max-entries-per-zone=" + KEPT,
              "--zonecast.central.journal.compaction-interval=1s")
          .started(s -> {
            bind = s.bindA;
            // BIND 9.18 says which kind of transfer it got only in its debug messages
            bind.trace(3);
            api = s.api;
            zones = s.zones;
          });

  @Test
  void bindTakesTheZoneByAxfrThenAOneRecordChangeByIxfr() throws Exception {
    String zone = ZoneSteps.newZone("ixfr");
    String id = zones.create(zone);
    long first = zones.awaitActive(id);
    assertThat(bind.soaSerial(zone)).hasValue(first);
    String afterAxfr = transfersOf(zone);
    assertThat(afterAxfr)
        .contains("got nonincremental response")
        .contains("Transfer status: success")
        .doesNotContain("got incremental response");

    zones.addA(id, "new." + zone, "192.0.2.55");
    long second = zones.awaitActive(id);

    assertThat(bind.soaSerial(zone)).hasValue(second);
    Message answer = bind.query("new." + zone, Type.A);
    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answer.getSection(Section.ANSWER))
        .singleElement()
        .satisfies(
            r -> assertThat(((ARecord) r).getAddress().getHostAddress()).isEqualTo("192.0.2.55"));
    String ixfr = transfersOf(zone).substring(afterAxfr.length());
    assertThat(ixfr)
        .as("BIND's log of the second transfer:%n%s", ixfr)
        .contains("requesting IXFR for serial " + first)
        .contains("got incremental response")
        .contains("Transfer status: success");
  }

  @Test
  void aClientAtTheCurrentSerialGetsOneSoa() throws Exception {
    String zone = ZoneSteps.newZone("ixfr");
    String id = zones.create(zone);
    long serial = zones.awaitActive(id);

    ZoneTransferIn ixfr = zones.ixfrFrom(zone, serial);

    assertThat(ixfr.isCurrent()).isTrue();
  }

  @Test
  void anIxfrFromEveryJournalledSerialAppliedToThatVersionGivesTheCurrentZone() throws Exception {
    String zone = ZoneSteps.newZone("ixfr");
    String id = zones.create(zone);
    List<Long> serials = new ArrayList<>();
    List<Set<String>> versions = new ArrayList<>();
    serials.add(api.get("/v2/zones/" + id).body().get("serial").asLong());
    versions.add(rrs(zones.axfr(zone)));

    String www = zones.addA(id, "www." + zone, "192.0.2.1", "192.0.2.2");
    versions(id, zone, serials, versions);
    // one record kept, one replaced, the TTL changed: every RR of the recordset moves
    put(id, www, "{\"records\":[\"192.0.2.2\",\"192.0.2.3\"],\"ttl\":120}");
    versions(id, zone, serials, versions);
    // the zone TTL: the SOA and every recordset without a TTL of its own (the apex NS)
    assertThat(api.patch("/v2/zones/" + id, "{\"ttl\":900}").status()).isEqualTo(202);
    versions(id, zone, serials, versions);
    assertThat(api.delete("/v2/zones/" + id + "/recordsets/" + www).status()).isEqualTo(202);
    versions(id, zone, serials, versions);

    Set<String> current = versions.getLast();
    for (int i = 0; i < serials.size() - 1; i++) {
      ZoneTransferIn ixfr = zones.ixfrFrom(zone, serials.get(i));
      assertThat(ixfr.isIXFR()).as("IXFR from %s", serials.get(i)).isTrue();
      Set<String> replayed = new HashSet<>(versions.get(i));
      for (ZoneTransferIn.Delta delta : ixfr.getIXFR()) {
        for (Record r : delta.deletes) {
          assertThat(replayed.remove(r.toString())).as("deletes held %s", r).isTrue();
        }
        for (Record r : delta.adds) {
          assertThat(replayed.add(r.toString())).as("adds missing %s", r).isTrue();
        }
      }
      assertThat(replayed).as("IXFR from %s", serials.get(i)).isEqualTo(current);
    }
  }

  @Test
  void aSerialTheCompactedJournalNoLongerReachesGetsTheWholeZone() throws Exception {
    String zone = ZoneSteps.newZone("ixfr");
    String id = zones.create(zone);
    long first = zones.awaitActive(id);
    zones.addA(id, "a." + zone, "192.0.2.1");
    long second = zones.awaitActive(id);
    // KEPT more changes: KEPT + 1 steps in all, the first of them beyond what is kept
    for (int i = 2; i <= KEPT + 1; i++) {
      zones.addA(id, "h" + i + "." + zone, "192.0.2." + i);
    }
    zones.awaitActive(id);

    // the journal keeps the newest KEPT steps (second onwards) once compaction ran
    await("compaction")
        .atMost(Duration.ofSeconds(30))
        .until(() -> zones.ixfrFrom(zone, first).isAXFR());

    assertThat(rrs(zones.ixfrFrom(zone, first).getAXFR())).isEqualTo(rrs(zones.axfr(zone)));
    ZoneTransferIn fromSecond = zones.ixfrFrom(zone, second);
    assertThat(fromSecond.isIXFR()).isTrue();
    assertThat(fromSecond.getIXFR())
        .singleElement()
        .satisfies(delta -> {
          assertThat(delta.start).isEqualTo(second);
          // the new SOA and one A record per change
          assertThat(delta.adds).hasSize(KEPT + 1);
        });
  }

  /** Records the zone's serial and AXFR after a change (read at once, at that serial). */
  static void versions(String id, String zone, List<Long> serials, List<Set<String>> versions)
      throws Exception {
    long serial = api.get("/v2/zones/" + id).body().get("serial").asLong();
    List<Record> records = zones.axfr(zone);
    assertThat(((SOARecord) records.getFirst()).getSerial()).isEqualTo(serial);
    serials.add(serial);
    versions.add(rrs(records));
  }

  static void put(String zoneId, String recordsetId, String body) {
    ApiClient.Response updated =
        api.put("/v2/zones/" + zoneId + "/recordsets/" + recordsetId, body);
    assertThat(updated.status()).as("%s", updated.body()).isEqualTo(202);
  }

  /** BIND's log lines about transfers of {@code zone}. */
  static String transfersOf(String zone) {
    String apex = zone.substring(0, zone.length() - 1);
    StringBuilder lines = new StringBuilder();
    for (String line : bind.log().split("\n")) {
      if (line.contains("'" + apex + "/IN'") || line.contains("zone " + apex + "/IN")) {
        lines.append(line).append('\n');
      }
    }
    return lines.toString();
  }

  /** The RRs of a transfer with their TTLs (dnsjava's equals leaves TTLs out). */
  static Set<String> rrs(List<Record> records) {
    Set<String> set = new HashSet<>();
    records.forEach(r -> set.add(r.toString()));
    return set;
  }
}
