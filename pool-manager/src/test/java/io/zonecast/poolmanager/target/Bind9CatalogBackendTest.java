package io.zonecast.poolmanager.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.runtime.resolve.HostResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class Bind9CatalogBackendTest {

  static final Name ZONE = Name.fromConstantString("gone.example.");

  static Message answer(int rcode, boolean authoritative, Name soaOwner) {
    Message message = Message.newQuery(Record.newRecord(ZONE, Type.SOA, DClass.IN));
    message.getHeader().setRcode(rcode);
    if (authoritative) {
      message.getHeader().setFlag(Flags.AA);
    }
    if (soaOwner != null) {
      message.addRecord(
          new SOARecord(soaOwner, DClass.IN, 60, ZONE, ZONE, 5, 60, 60, 600, 60), Section.ANSWER);
    }
    return message;
  }

  @Test
  void onlyAnAuthoritativeSoaOfTheZoneMeansTheTargetStillServesIt() {
    assertThat(Bind9CatalogBackend.servesZone(answer(Rcode.NOERROR, true, ZONE), ZONE)).isTrue();
    assertThat(Bind9CatalogBackend.servesZone(answer(Rcode.REFUSED, false, null), ZONE)).isFalse();
    assertThat(Bind9CatalogBackend.servesZone(answer(Rcode.NXDOMAIN, true, null), ZONE)).isFalse();
    assertThat(Bind9CatalogBackend.servesZone(answer(Rcode.NOERROR, false, ZONE), ZONE)).isFalse();
    assertThat(
            Bind9CatalogBackend.servesZone(
                answer(Rcode.NOERROR, true, Name.fromConstantString("example.")), ZONE))
        .isFalse();
  }

  @Test
  void aTransferBindDidNotLoadIsTheTargetsRefusalWhenItsLogIsNamed(@TempDir Path dir)
      throws Exception {
    Path log = Files.write(dir.resolve("named.log"), Bind9TransferLogTest.LOG);
    UUID zoneId = UUID.randomUUID();
    Bind9CatalogBackend logged = backend(Map.of("log_file", log.toString()));

    assertThat(logged.refusal(new ZoneRef(zoneId, "ex.test.", POOL, 8)))
        .hasValueSatisfying(refusal ->
            assertThat(refusal)
                .startsWith("bind9_catalog target 'c' ")
                .endsWith(
                    " refused the transfer of serial 8: error adding 'big.ex.test/A' in"
                        + " 'ex.test/IN' (zone): too many records (must not exceed 3)"));
    assertThat(logged.refusal(new ZoneRef(zoneId, "ex.test.", POOL, 7)))
        .as("a serial it loaded")
        .isEmpty();
    assertThat(backend(Map.of()).refusal(new ZoneRef(zoneId, "ex.test.", POOL, 8)))
        .as("no log_file: the target cannot say")
        .isEmpty();
    assertThatThrownBy(() ->
            backend(Map.of("log_file", dir.resolve("missing.log").toString()))
                .refusal(new ZoneRef(zoneId, "ex.test.", POOL, 8)))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("cannot read the log of bind9_catalog target 'c'");
  }

  static final UUID POOL = UUID.randomUUID();

  static Bind9CatalogBackend backend(Map<String, String> options) {
    Pool.Target target =
        new Pool.Target(
            Bind9CatalogBackend.TYPE, "c", List.of(new Pool.HostPort("127.0.0.1", 5354)), options);
    Pool pool =
        new Pool(
            POOL,
            "p",
            "",
            Map.of(),
            List.of(new Pool.NsRecord("ns1.example.", 1)),
            List.of(),
            List.of(target),
            List.of(),
            new Pool.CatalogZone("catalog.zonecast.invalid.", 60));
    return new Bind9CatalogBackend(pool, target, HostResolver.systemDefault());
  }
}
