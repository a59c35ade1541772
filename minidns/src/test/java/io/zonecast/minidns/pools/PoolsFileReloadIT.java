package io.zonecast.minidns.pools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonecast.minidns.access.TransferAcl;
import io.zonecast.minidns.catalog.CatalogZone;
import io.zonecast.minidns.catalog.CatalogZones;
import io.zonecast.model.pool.PoolsFileHolder;
import io.zonecast.testsupport.Bind9Secondary;
import io.zonecast.testsupport.TestInfrastructure;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * MiniDNS's one pools file: a change of the file reaches every consumer (the transfer ACL, the
 * catalog zones served on the wire) without a restart, {@code POST /pools/reload} reads the same
 * holder, and a version the catalog zones cannot use is refused while the one in force stays.
 */
// the database is dropped after the class: close the context too, or its heartbeat logs failures
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PoolsFileReloadIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("pools_reload_it");
  static final int DNS_PORT = Bind9Secondary.freePort();
  static final UUID POOL = UUID.randomUUID();
  static final String CATALOG = "catalog.reload.zonecast.test.";
  static Path pools;

  static String poolsFile(String nameserver, String catalog) {
    String yaml =
        """
        - name: reloaded
          id: %s
          ns_records: [{hostname: ns1.example.org.}]
          nameservers: [{host: %s, port: 5310}]
        """
            .formatted(POOL, nameserver);
    if (catalog != null) {
      yaml +=
          """
            catalog_zone: {catalog_zone_fqdn: "%s", catalog_zone_refresh: 5}
          """
              .formatted(catalog);
    }
    return yaml;
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    infra.migrate(DB);
    pools = Files.createTempFile("pools-reload-it", ".yaml");
    Files.writeString(pools, poolsFile("127.0.0.31", null));
    infra.springProperties(DB).forEach((key, value) -> registry.add(key, () -> value));
    registry.add("zonecast.minidns.port", () -> DNS_PORT);
    // this test asks the catalog's SOA from 127.0.0.1; the pools' servers are other addresses
    registry.add("zonecast.minidns.allow-transfer", () -> "127.0.0.1");
    registry.add("zonecast.minidns.pools-file", pools::toString);
  }

  @AfterAll
  static void cleanUp() throws Exception {
    infra.dropDatabase(DB);
    Files.deleteIfExists(pools);
  }

  @Autowired PoolsFileHolder holder;
  @Autowired TransferAcl acl;
  @Autowired CatalogZones catalogs;
  @LocalServerPort int httpPort;

  final HttpClient http = HttpClient.newHttpClient();

  int catalogSoaRcode() throws Exception {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
    resolver.setPort(DNS_PORT);
    resolver.setTimeout(Duration.ofSeconds(5));
    Message answer =
        resolver.send(
            Message.newQuery(Record.newRecord(Name.fromString(CATALOG), Type.SOA, DClass.IN)));
    return answer.getRcode();
  }

  HttpResponse<String> postReload() throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/pools/reload"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aChangedFileReachesTheTransferAclAndTheCatalogZonesAndABadOneIsRefused() throws Exception {
    InetAddress before = InetAddress.getByName("127.0.0.31");
    InetAddress after = InetAddress.getByName("127.0.0.32");
    assertThat(acl.allows(before)).isTrue();
    assertThat(acl.allows(after)).isFalse();
    assertThat(catalogs.all()).isEmpty();
    assertThat(catalogSoaRcode()).as("no catalog yet").isNotEqualTo(Rcode.NOERROR);
    long generation = holder.snapshot().generation();

    Files.writeString(pools, poolsFile("127.0.0.32", CATALOG));

    // the reload tells every consumer before it records its result as the last reload
    await("the file's change is read and every consumer told")
        .atMost(Duration.ofSeconds(30))
        .until(() -> holder.lastReload().filter(r -> r.generation() == generation + 1).isPresent());
    assertThat(holder.snapshot().generation()).isEqualTo(generation + 1);
    assertThat(acl.allows(after)).as("the new nameserver may transfer").isTrue();
    assertThat(acl.allows(before)).as("the removed one may not").isFalse();
    assertThat(catalogs.all())
        .extracting(CatalogZone::apex)
        .containsExactly(Name.fromString(CATALOG));
    assertThat(catalogSoaRcode()).as("the new catalog is served").isEqualTo(Rcode.NOERROR);

    HttpResponse<String> unchanged = postReload();
    assertThat(unchanged.statusCode()).as(unchanged.body()).isEqualTo(200);
    assertThat(unchanged.body()).contains("\"unchanged\"");

    Files.writeString(pools, poolsFile("127.0.0.33", "not..a.name."));
    HttpResponse<String> refused = postReload();
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
    assertThat(refused.body()).contains("refused");
    assertThat(holder.snapshot().generation()).isEqualTo(generation + 1);
    assertThat(acl.allows(after)).as("the version in force stays").isTrue();
    assertThat(catalogSoaRcode()).isEqualTo(Rcode.NOERROR);
  }
}
