package io.zonecast.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonecast.model.pool.Pool;
import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Secondary;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * TSIG through the whole stack: a pool key created over /v2/tsigkeys, two BIND9 targets whose
 * pools-file option tsig_key_name makes the pool manager's addzone sign towards MiniDNS. Zones and
 * changes reach both (the change only by MiniDNS's NOTIFY, which BIND logs as signed), while an
 * unsigned transfer or one with a wrong secret is refused by MiniDNS.
 */
class TsigSystemIT {

  static final ZonecastStack.TsigKey KEY =
      new ZonecastStack.TsigKey(
          "pool-key", "hmac-sha256", "dHNpZy1zeXN0ZW0tdGVzdC1wb29sLWtleS1zZWNyZXQ=");

  static ApiClient api;
  static ZoneSteps zones;

  @RegisterExtension
  static final StackExtension stack =
      StackExtension.named("tsig")
          .options(o -> o.tsigKey(KEY))
          .started(s -> {
            api = s.api.withHeader("X-Roles", "admin");
            zones = s.zones.with(api);
          });

  @Test
  void zonesOfAPoolWithAKeyPropagateSignedAndUnsignedTransfersAreRefused() throws Exception {
    ApiClient.Response key =
        api.post(
            "/v2/tsigkeys",
            "{\"name\":\"%s\",\"algorithm\":\"%s\",\"secret\":\"%s\",\"scope\":\"POOL\",\"resource_id\":\"%s\"}"
                .formatted(KEY.name(), KEY.algorithm(), KEY.secret(), Pool.DEFAULT_POOL_ID));
    assertThat(key.status()).as("%s", key.body()).isEqualTo(201);

    String zone = "tsig-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org.";
    String id = zones.create(zone);
    zones.awaitActive(id);

    zones.addA(id, "www." + zone, "192.0.2.44");
    zones.awaitActive(id);
    long serial = api.get("/v2/zones/" + id).body().get("serial").asLong();
    for (Bind9Secondary bind : stack.secondaries()) {
      assertThat(bind.soaSerial(zone)).hasValue(serial);
      assertThat(bind.log())
          .containsPattern(
              "/key "
                  + KEY.name()
                  + ": received notify for zone '"
                  + zone.substring(0, zone.length() - 1));
    }

    assertThatThrownBy(() -> axfr(zone, null))
        .isInstanceOf(ZoneTransferException.class)
        .hasMessageContaining("REFUSED");
    TSIG wrong =
        new TSIG(TSIG.HMAC_SHA256, Name.fromString(KEY.name() + "."), "d3Jvbmctd3Jvbmctd3Jvbmc=");
    assertThatThrownBy(() -> axfr(zone, wrong))
        .isInstanceOf(ZoneTransferException.class)
        .hasMessageContaining("NOTAUTH");
    TSIG right = new TSIG(TSIG.HMAC_SHA256, Name.fromString(KEY.name() + "."), KEY.secret());
    assertThat(axfr(zone, right)).isNotEmpty();
  }

  static List<org.xbill.DNS.Record> axfr(String zone, TSIG key) throws Exception {
    ZoneTransferIn transfer =
        ZoneTransferIn.newAXFR(
            Name.fromString(zone), new InetSocketAddress("127.0.0.1", stack.minidnsPort()), key);
    transfer.setTimeout(Duration.ofSeconds(5));
    transfer.run();
    return transfer.getAXFR();
  }
}
