package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Secondary;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Catalog zones end to end: the pool's two BIND9 9.18 secondaries are {@code bind9_catalog} targets
 * that consume MiniDNS's catalog zone. A zone created over REST turns ACTIVE once both picked it up
 * from the catalog (no rndc is ever run against them); deleting it removes it from both.
 */
class CatalogZoneSystemIT {

  static final String CATALOG = "catalog.zonecast.test.";
  static ApiClient api;

  @RegisterExtension
  static final StackExtension stack =
      StackExtension.named("catalog")
          .options(o -> o.catalogZone(CATALOG))
          .started(s -> api = s.api);

  @Test
  void zonesComeAndGoThroughTheCatalog() throws Exception {
    String zone = "cat-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
    String bare = zone.substring(0, zone.length() - 1);
    String id = stack.zones().create(zone);

    long serial = stack.zones().awaitActive(id);
    for (Bind9Secondary bind : stack.secondaries()) {
      assertThat(bind.soaSerial(zone)).hasValue(serial);
      assertThat(bind.log()).contains("catz: adding zone '" + bare + "'");
      assertThat(bind.log()).doesNotContain("addzone").doesNotContain("received control channel");
    }

    assertThat(api.delete("/v2/zones/" + id).status()).isEqualTo(202);
    stack.zones().awaitDeleted(id);
    for (Bind9Secondary bind : stack.secondaries()) {
      assertThat(bind.query(zone, Type.SOA).getRcode()).isEqualTo(Rcode.REFUSED);
      assertThat(bind.log()).contains("catz: deleting zone '" + bare + "'");
    }
  }
}
