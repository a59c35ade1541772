package io.zonecast.minidns.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonecast.minidns.MiniDnsTestProperties;
import io.zonecast.minidns.poll.SerialPoller;
import io.zonecast.minidns.testing.ZoneRows;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.minidns.PollForSerialNumber;
import io.zonecast.model.poolmanager.PollStatus;
import io.zonecast.model.poolmanager.UpdateStatus;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.testsupport.Bind9Secondary;
import io.zonecast.testsupport.TestInfrastructure;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.xbill.DNS.Name;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Issue 16 finding 1, the transfer side, against a real PostgreSQL and BIND9 secondary: a TXT of
 * 280 strings of 250 octets (70,280 octets of RDATA, over RDLENGTH's 65,535) stored directly, as an
 * older version could have. The transfer ends in SERVFAIL, and the poll for the zone's serial at
 * the secondary reports ERROR at once naming the record, instead of retrying for ten minutes.
 */
// the database is dropped after the class: close the context too, or its heartbeat logs failures
// (with stack traces) into the tests that run after it
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UnwritableRecordIT {

  static final TestInfrastructure infra = TestInfrastructure.get();
  static final String DB = infra.freshDatabase("minidns_unwritable_record_it");
  static final int DNS_PORT = Bind9Secondary.freePort();
  static Bind9Secondary bind;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    MiniDnsTestProperties.register(registry, DB, DNS_PORT);
    // no pools file lists the secondary of this test: allow it by address
    registry.add("zonecast.minidns.allow-transfer", () -> "127.0.0.1");
  }

  @BeforeAll
  static void startSecondary() throws IOException {
    bind = Bind9Secondary.start("unwritable-record-it");
  }

  @AfterAll
  static void cleanUp() {
    if (bind != null) {
      bind.close();
    }
    infra.dropDatabase(DB);
  }

  @Autowired JdbcTemplate jdbc;
  @Autowired SerialPoller poller;

  @Test
  void aRecordThatCannotBePutOnTheWireFailsThePollAtOnceNamingIt() throws Exception {
    ZoneRows rows = new ZoneRows(jdbc);
    ZoneRef zone = rows.zone("unwritable", UUID.randomUUID(), 7);
    String strings =
        IntStream.range(0, 280)
            .mapToObj(i -> "\"" + "y".repeat(250) + "\"")
            .collect(Collectors.joining(" "));
    rows.recordset(zone.id(), "big." + zone.name(), "TXT", strings);
    String rndcName = zone.name().substring(0, zone.name().length() - 1);
    bind.rndc(
        "addzone",
        rndcName,
        "{ type secondary; primaries { 127.0.0.1 port "
            + DNS_PORT
            + "; }; file \""
            + rndcName
            + ".db\"; };");

    // ten minutes of retries if nothing said why
    PollForSerialNumber task =
        new PollForSerialNumber(
            RequestContext.system("it"), zone, "127.0.0.1:" + bind.port(), 1, 1, 600);
    UpdateStatus status = poller.poll(task).get(60, TimeUnit.SECONDS);

    assertThat(status.status()).isEqualTo(PollStatus.ERROR);
    assertThat(status.message())
        .contains("big." + zone.name() + " TXT")
        .contains("70280 out of range");

    ZoneTransferIn axfr =
        ZoneTransferIn.newAXFR(Name.fromString(zone.name()), "127.0.0.1", DNS_PORT, null);
    axfr.setTimeout(Duration.ofSeconds(10));
    assertThatThrownBy(axfr::run)
        .isInstanceOf(ZoneTransferException.class)
        .hasMessageContaining("SERVFAIL");
  }
}
