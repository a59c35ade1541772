package io.zonecast.poolmanager.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.runtime.resolve.HostResolver;
import io.zonecast.testsupport.Bind9Secondary;
import io.zonecast.testsupport.KnotSecondary;
import io.zonecast.testsupport.ZonePrimary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The knot backend against a real knotd that starts with no zone, no remote and no ACL, pulling
 * from a small real primary: what the backend configures is all Knot knows.
 */
class KnotBackendIT {

  @TempDir Path dir;

  static KnotSecondary knot;
  static ZonePrimary primary;
  static final Knotc knotc = new Knotc();

  @BeforeAll
  static void start() throws IOException {
    primary = ZonePrimary.start();
    knot = KnotSecondary.startEmpty("backend");
  }

  @AfterAll
  static void stop() {
    if (knot != null) {
      knot.close();
    }
    if (primary != null) {
      primary.close();
    }
  }

  static KnotBackend backend(Map<String, String> extra) {
    Map<String, String> options = new HashMap<>();
    options.put("socket", knot.socket().toString());
    options.put("host", "127.0.0.1");
    options.put("port", String.valueOf(knot.port()));
    options.putAll(extra);
    return new KnotBackend(
        new Pool.Target(
            "knot", "it", List.of(new Pool.HostPort("127.0.0.1", primary.port())), options),
        knotc,
        Duration.ofSeconds(10),
        HostResolver.systemDefault());
  }

  static KnotBackend backend() {
    return backend(Map.of());
  }

  static ZoneRef zone() {
    return new ZoneRef(
        UUID.randomUUID(),
        "k" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.",
        UUID.randomUUID(),
        1);
  }

  static void awaitServed(ZoneRef zone, long serial) {
    await("Knot serves " + zone.name() + " with serial " + serial)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> knot.soaSerial(zone.name()).equals(OptionalLong.of(serial)));
  }

  static int soaRcode(ZoneRef zone) throws IOException {
    return knot.query(zone.name(), Type.SOA).getRcode();
  }

  static List<Path> zoneFiles(ZoneRef zone) throws IOException {
    try (Stream<Path> files = Files.list(knot.directory().resolve("zones"))) {
      return files.filter(f -> f.getFileName().toString().startsWith(zone.name())).toList();
    }
  }

  @Test
  void createMakesKnotTransferAndServeTheZoneAndDeleteRemovesItAndItsFile() throws Exception {
    ZoneRef zone = zone();
    primary.serve(zone.name(), 7, "192.0.2.7");

    backend().createZone(zone);
    awaitServed(zone, 7);
    Message www = knot.query("www." + zone.name(), Type.A);
    assertThat(www.getSection(Section.ANSWER))
        .singleElement()
        .satisfies(
            r -> assertThat(((ARecord) r).getAddress().getHostAddress()).isEqualTo("192.0.2.7"));
    await("the zone file").atMost(Duration.ofSeconds(30)).until(() -> !zoneFiles(zone).isEmpty());

    backend().deleteZone(zone);
    assertThat(soaRcode(zone)).isEqualTo(Rcode.REFUSED);
    assertThat(zoneFiles(zone)).isEmpty();
    // knotc reading commands from its input exits with 0 even when one fails
    assertThat(knot.knotc("conf-read zone[" + zone.name() + "]\n")).contains("invalid identifier");
  }

  @Test
  void createTwiceAndDeleteTwiceSucceed() throws Exception {
    ZoneRef zone = zone();
    primary.serve(zone.name(), 3, "192.0.2.3");
    backend().createZone(zone);
    backend().createZone(zone);
    awaitServed(zone, 3);
    assertThat(knot.knotc("conf-read zone[" + zone.name() + "].master\n"))
        .contains("zone[" + zone.name() + "].master = zonecast-127.0.0.1-" + primary.port());

    backend().deleteZone(zone);
    backend().deleteZone(zone);
    assertThat(soaRcode(zone)).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void deleteOfAZoneKnotNeverHadSucceeds() throws Exception {
    ZoneRef zone = zone();
    backend().deleteZone(zone);
    assertThat(soaRcode(zone)).isEqualTo(Rcode.REFUSED);
  }

  /** A zone file left behind with a higher serial would be served instead of the new zone. */
  @Test
  void aZoneCreatedAgainAfterItsDeleteStartsFromTheNewData() throws Exception {
    ZoneRef zone = zone();
    primary.serve(zone.name(), 100, "192.0.2.100");
    backend().createZone(zone);
    awaitServed(zone, 100);
    backend().deleteZone(zone);

    ZoneRef again = new ZoneRef(UUID.randomUUID(), zone.name(), zone.poolId(), 1);
    primary.serve(zone.name(), 5, "192.0.2.5");
    backend().createZone(again);
    awaitServed(again, 5);
    backend().deleteZone(again);
  }

  @Test
  void aZoneCanPullFromARemoteAndAclTheOperatorDefined() throws Exception {
    knot.knotc(
        """
        conf-begin
        conf-set remote[ops-primary]
        conf-set remote[ops-primary].address 127.0.0.1@%d
        conf-set acl[ops-notify]
        conf-set acl[ops-notify].address 127.0.0.1
        conf-set acl[ops-notify].action notify
        conf-commit
        """
            .formatted(primary.port()));
    ZoneRef zone = zone();
    primary.serve(zone.name(), 11, "192.0.2.11");

    backend(Map.of("remote", "ops-primary", "acl", "ops-notify")).createZone(zone);
    awaitServed(zone, 11);
    assertThat(knot.knotc("conf-read zone[" + zone.name() + "]\n"))
        .contains("zone[" + zone.name() + "].master = ops-primary")
        .contains("zone[" + zone.name() + "].acl = ops-notify");
    backend().deleteZone(zone);
  }

  @Test
  void aTsigKeyNameSignsTheRemoteAndTheAclTheBackendDefines() throws Exception {
    knot.knotc(
        """
        conf-begin
        conf-set key[pool-key]
        conf-set key[pool-key].algorithm hmac-sha256
        conf-set key[pool-key].secret AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=
        conf-commit
        """);
    // a master of its own, so no other test's remote gets the key
    int master = Bind9Secondary.freePort();
    KnotBackend backend =
        new KnotBackend(
            new Pool.Target(
                "knot",
                "it",
                List.of(new Pool.HostPort("127.0.0.1", master)),
                Map.of("socket", knot.socket().toString(), "tsig_key_name", "pool-key")),
            knotc,
            Duration.ofSeconds(10),
            HostResolver.systemDefault());
    ZoneRef zone = zone();

    backend.createZone(zone);
    String id = "zonecast-127.0.0.1-" + master;
    assertThat(knot.knotc("conf-read remote[" + id + "]\n"))
        .contains("remote[" + id + "].address = 127.0.0.1@" + master)
        .contains("remote[" + id + "].key = pool-key");
    assertThat(knot.knotc("conf-read acl[" + id + "]\n"))
        .contains("acl[" + id + "].address = 127.0.0.1")
        .contains("acl[" + id + "].action = notify")
        .contains("acl[" + id + "].key = pool-key");
    backend.deleteZone(zone);
    assertThat(soaRcode(zone)).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void anUnknownRemoteFailsWithKnotsMessageAndLeavesNoTransactionOpen() throws Exception {
    ZoneRef zone = zone();
    assertThatThrownBy(() -> backend(Map.of("remote", "no-such-remote")).createZone(zone))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("knotc conf-set zone[" + zone.name() + "].master no-such-remote")
        .hasMessageContaining("failed on knot target 'it'")
        .hasMessageContaining("not exists");
    assertThat(soaRcode(zone)).isEqualTo(Rcode.REFUSED);

    primary.serve(zone.name(), 4, "192.0.2.4");
    backend().createZone(zone);
    awaitServed(zone, 4);
    backend().deleteZone(zone);
  }

  @Test
  void aTransactionLeftOpenIsAbortedOnceTheTimeoutIsOver() throws Exception {
    knot.knotc("conf-begin\n");
    ZoneRef zone = zone();
    primary.serve(zone.name(), 9, "192.0.2.9");

    backend(Map.of("knotc_timeout", "1")).createZone(zone);
    awaitServed(zone, 9);
    backend().deleteZone(zone);
  }

  @Test
  void createsAtTheSameTimeTakeTurnsForTheOneTransaction() throws Exception {
    List<ZoneRef> zones = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ZoneRef zone = zone();
      primary.serve(zone.name(), 20 + i, "192.0.2.20");
      zones.add(zone);
    }
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> creates = new ArrayList<>();
      for (ZoneRef zone : zones) {
        creates.add(
            executor.submit(() -> {
              backend().createZone(zone);
              return null;
            }));
      }
      for (Future<?> create : creates) {
        create.get();
      }
    }
    for (int i = 0; i < zones.size(); i++) {
      awaitServed(zones.get(i), 20 + i);
    }
    for (ZoneRef zone : zones) {
      backend().deleteZone(zone);
    }
  }

  @Test
  void aMissingControlSocketFailsWithKnotcsMessage() {
    ZoneRef zone = zone();
    assertThatThrownBy(() -> backend(Map.of("socket", "/nonexistent/knot.sock")).createZone(zone))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("knotc conf-begin failed on knot target 'it'")
        .hasMessageContaining("/nonexistent/knot.sock");
    assertThatThrownBy(() -> backend(Map.of("socket", "/nonexistent/knot.sock")).deleteZone(zone))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("knotc zone-freeze " + zone.name() + " failed")
        .hasMessageContaining("failed to connect to socket");
  }

  @Test
  void aMissingKnotcProgramFailsWithTheReason() {
    ZoneRef zone = zone();
    assertThatThrownBy(
            () -> backend(Map.of("knotc_cmd_name", "/nonexistent/knotc")).createZone(zone))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("cannot run /nonexistent/knotc");
  }

  static KnotBackend backend(List<Pool.HostPort> masters, Path hosts) {
    return new KnotBackend(
        new Pool.Target("knot", "it", masters, Map.of("socket", knot.socket().toString())),
        knotc,
        Duration.ofSeconds(10),
        HostResolver.system(hosts, Duration.ofSeconds(5)));
  }

  static String wwwAddress(ZoneRef zone) throws IOException {
    return ((ARecord)
            knot.query("www." + zone.name(), Type.A).getSection(Section.ANSWER).getFirst())
        .getAddress()
        .getHostAddress();
  }

  @Test
  void aMasterByHostNameIsFollowedWhereverItResolvesByUpdatingItsRemoteOnly() throws Exception {
    try (ZonePrimary moved = ZonePrimary.start("127.0.0.2", primary.port())) {
      ZoneRef zone = zone();
      primary.serve(zone.name(), 1, "192.0.2.1");
      moved.serve(zone.name(), 2, "192.0.2.2");
      Path hosts = dir.resolve("hosts");
      Files.writeString(hosts, "127.0.0.1 minidns.knot.zonecast.test\n");
      List<Pool.HostPort> masters =
          List.of(new Pool.HostPort("minidns.knot.zonecast.test", primary.port()));
      String id = "zonecast-minidns.knot.zonecast.test-" + primary.port();

      backend(masters, hosts).createZone(zone);
      awaitServed(zone, 1);
      assertThat(knot.knotc("conf-read remote[" + id + "].address\n"))
          .contains("remote[" + id + "].address = 127.0.0.1@" + primary.port());

      Files.writeString(hosts, "127.0.0.2 minidns.knot.zonecast.test\n");
      assertThat(backend(masters, hosts).followMasters(masters))
          .as("the zones name the remote: nothing per zone")
          .isEmpty();
      awaitServed(zone, 2);
      assertThat(wwwAddress(zone)).isEqualTo("192.0.2.2");
      assertThat(knot.knotc("conf-read remote[" + id + "].address\n"))
          .as("the old address is gone, not kept beside the new one")
          .contains("remote[" + id + "].address = 127.0.0.2@" + primary.port() + "\n")
          .doesNotContain("127.0.0.1@");
      assertThat(knot.knotc("conf-read acl[" + id + "].address\n"))
          .contains("acl[" + id + "].address = 127.0.0.2\n");
      long transactions = knot.log().lines().filter(l -> l.contains("'conf-begin'")).count();
      assertThat(backend(masters, hosts).followMasters(masters))
          .as("again: the remote holds the addresses already")
          .isEmpty();
      assertThat(knot.log().lines().filter(l -> l.contains("'conf-begin'")).count())
          .as("no transaction for a remote that is right")
          .isEqualTo(transactions);
      backend(masters, hosts).deleteZone(zone);
    }
  }

  @Test
  void aZoneGivenOtherMastersPullsFromTheirRemotesOnly() throws Exception {
    try (ZonePrimary other = ZonePrimary.start()) {
      ZoneRef zone = zone();
      ZoneRef absent = zone();
      primary.serve(zone.name(), 1, "192.0.2.1");
      other.serve(zone.name(), 3, "192.0.2.3");
      Path hosts = dir.resolve("hosts");
      Files.writeString(hosts, "");
      List<Pool.HostPort> before = List.of(new Pool.HostPort("127.0.0.1", primary.port()));
      List<Pool.HostPort> after = List.of(new Pool.HostPort("127.0.0.1", other.port()));
      backend(before, hosts).createZone(zone);
      awaitServed(zone, 1);

      Backend.ZoneStep step = backend(after, hosts).followMasters(before).orElseThrow();
      step.apply(zone);
      step.apply(absent);

      awaitServed(zone, 3);
      String id = "zonecast-127.0.0.1-" + other.port();
      assertThat(knot.knotc("conf-read zone[" + zone.name() + "]\n"))
          .contains("zone[" + zone.name() + "].master = " + id + "\n")
          .contains("zone[" + zone.name() + "].acl = " + id + "\n");
      assertThat(soaRcode(absent)).as("not added").isEqualTo(Rcode.REFUSED);
      backend(after, hosts).deleteZone(zone);
    }
  }

  @Test
  void aMasterThatDoesNotResolveFailsTheCreateWithItsName() throws Exception {
    Path hosts = dir.resolve("hosts");
    Files.writeString(hosts, "");
    ZoneRef zone = zone();
    assertThatThrownBy(() ->
            backend(List.of(new Pool.HostPort("nowhere.invalid", primary.port())), hosts)
                .createZone(zone))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("a master of knot target 'it'")
        .hasMessageContaining("nowhere.invalid");
    assertThat(soaRcode(zone)).isEqualTo(Rcode.REFUSED);
  }
}
