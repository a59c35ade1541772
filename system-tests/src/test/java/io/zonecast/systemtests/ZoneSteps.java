package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.testsupport.ApiClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.ZoneTransferIn;

/**
 * The steps the system tests share on one stack: a fresh zone name, creating a zone or a recordset
 * through the API (202 expected), waiting for a zone's status, and transfers from MiniDNS.
 */
final class ZoneSteps {

  /** How long a change may take to reach every secondary on a loaded machine. */
  static final Duration ACTIVE_WITHIN = Duration.ofSeconds(60);

  private final ApiClient api;
  private final int minidnsPort;

  ZoneSteps(ApiClient api, int minidnsPort) {
    this.api = api;
    this.minidnsPort = minidnsPort;
  }

  /** The same steps through another client (another project, other roles). */
  ZoneSteps with(ApiClient client) {
    return new ZoneSteps(client, minidnsPort);
  }

  /** A zone name no test used before: {@code <label>-<8 hex digits>.example.org.} */
  static String newZone(String label) {
    return label + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
  }

  /** Creates {@code zone} (absolute name, TTL 300) and returns its id. */
  String create(String zone) {
    return create(zone, 300);
  }

  /** Creates {@code zone} (absolute name) with this default TTL and returns its id. */
  String create(String zone, int ttl) {
    ApiClient.Response created =
        api.post(
            "/v2/zones",
            "{\"name\":\"" + zone + "\",\"email\":\"hostmaster@example.org\",\"ttl\":" + ttl + "}");
    assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
    return created.body().get("id").asString();
  }

  /** Creates a zone named after {@code label} ({@link #newZone}), waits until ACTIVE; its id. */
  String createActive(String label) {
    String id = create(newZone(label));
    awaitActive(id);
    return id;
  }

  /** Creates a recordset of {@code type} with these records (as the API writes them); its id. */
  String addRecordset(String zoneId, String name, String type, String... records) {
    String data =
        Stream.of(records)
            .map(r -> "\"" + r.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
            .collect(Collectors.joining(","));
    ApiClient.Response created =
        api.post(
            "/v2/zones/" + zoneId + "/recordsets",
            "{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"records\":[" + data + "]}");
    assertThat(created.status()).as("%s", created.body()).isEqualTo(202);
    return created.body().get("id").asString();
  }

  /** Creates an A recordset with these addresses; its id. */
  String addA(String zoneId, String name, String... addresses) {
    return addRecordset(zoneId, name, "A", addresses);
  }

  /** Waits until the zone is ACTIVE (every secondary serves its serial) and returns that serial. */
  long awaitActive(String id) {
    return awaitActive(id, ACTIVE_WITHIN);
  }

  long awaitActive(String id, Duration atMost) {
    awaitStatus(id, "ACTIVE", atMost);
    return api.get("/v2/zones/" + id).body().get("serial").asLong();
  }

  void awaitStatus(String id, String status, Duration atMost) {
    await("zone " + id + " " + status)
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() ->
            assertThat(api.get("/v2/zones/" + id).body().get("status").asString())
                .as("zone status; logs in target/system-test-logs")
                .isEqualTo(status));
  }

  /** Waits until the API no longer knows the zone (its DELETE done on every target). */
  void awaitDeleted(String id) {
    await("zone " + id + " deleted")
        .atMost(ACTIVE_WITHIN)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(api.get("/v2/zones/" + id).status()).isEqualTo(404));
  }

  /** The zone's name as the API has it. */
  String name(String id) {
    return api.get("/v2/zones/" + id).body().get("name").asString();
  }

  /** The whole zone as MiniDNS transfers it (AXFR, RFC 5936). */
  List<Record> axfr(String zone) throws Exception {
    ZoneTransferIn axfr =
        ZoneTransferIn.newAXFR(Name.fromString(zone), "127.0.0.1", minidnsPort, null);
    axfr.run();
    return axfr.getAXFR();
  }

  /** MiniDNS's answer to an IXFR (RFC 1995) from {@code serial}, run to its end. */
  ZoneTransferIn ixfrFrom(String zone, long serial) throws Exception {
    ZoneTransferIn ixfr =
        ZoneTransferIn.newIXFR(
            Name.fromString(zone), serial, false, "127.0.0.1", minidnsPort, null);
    ixfr.run();
    return ixfr;
  }
}
