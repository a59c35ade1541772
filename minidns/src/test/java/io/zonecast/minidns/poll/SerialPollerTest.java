package io.zonecast.minidns.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonecast.minidns.server.DnsClient;
import io.zonecast.minidns.system.Retries;
import io.zonecast.minidns.testing.ScriptedDnsServer;
import io.zonecast.minidns.transfer.ServedSerials;
import io.zonecast.minidns.transfer.TransferFailures;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.minidns.PollForSerialNumber;
import io.zonecast.model.poolmanager.PollStatus;
import io.zonecast.model.poolmanager.UpdateStatus;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.runtime.resolve.HostResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/** The poll worker against a scripted UDP server on loopback (the rules are in PollRulesTest). */
class SerialPollerTest {

  static final ZoneRef ZONE =
      new ZoneRef(UUID.randomUUID(), "example.org.", UUID.randomUUID(), 3_000_000_000L);

  static final Duration TRANSFER_WAIT = Duration.ofMinutes(1);

  final Retries retries = new Retries();
  final SerialPoller poller =
      new SerialPoller(
          new DnsClient(),
          retries,
          new TransferFailures(),
          new ServedSerials(),
          new SimpleMeterRegistry(),
          TRANSFER_WAIT);

  SerialPoller polling(ServedSerials served, Duration transferWait) {
    return new SerialPoller(
        new DnsClient(),
        retries,
        new TransferFailures(),
        served,
        new SimpleMeterRegistry(),
        transferWait);
  }

  @AfterEach
  void stopTimer() {
    retries.destroy();
  }

  static PollForSerialNumber task(String destination, int maxRetries) {
    return new PollForSerialNumber(
        RequestContext.system("t"), ZONE, destination, 0.2, 0.05, maxRetries);
  }

  static Message soa(Message request, long serial) {
    Message m = PollRulesTest.answer(serial);
    m.getHeader().setID(request.getHeader().getID());
    return m;
  }

  static Message refused(Message request) {
    Message m = PollRulesTest.answer(Rcode.REFUSED, false, null);
    m.getHeader().setID(request.getHeader().getID());
    return m;
  }

  @Test
  void aSerialMiniDnsFailedToTransferIsReportedErrorAtOnceWithTheReason() throws Exception {
    TransferFailures failures = new TransferFailures();
    failures.failed(Name.fromString(ZONE.name()), ZONE.serial(), "record x TXT: too big");
    SerialPoller knowing =
        new SerialPoller(
            new DnsClient(),
            retries,
            failures,
            new ServedSerials(),
            new SimpleMeterRegistry(),
            TRANSFER_WAIT);
    try (var server = new ScriptedDnsServer((n, r) -> soa(r, 2_999_999_999L))) {
      UpdateStatus status = knowing.poll(task(server.destination(), 100)).get();

      assertThat(status.status()).isEqualTo(PollStatus.ERROR);
      assertThat(status.actualSerial()).isEqualTo(2_999_999_999L);
      assertThat(status.message())
          .isEqualTo("MiniDNS cannot transfer serial 3000000000: record x TXT: too big");
      assertThat(server.received()).as("no retries once the reason is known").hasSize(1);
    }
  }

  @Test
  void pollsUntilTheExpectedSerialAndReportsSuccessWithTheTaskFields() throws Exception {
    try (var server =
        new ScriptedDnsServer((n, r) -> soa(r, n < 3 ? 2_999_999_999L : 3_000_000_000L))) {
      PollForSerialNumber task = task(server.destination(), 5);
      UpdateStatus status = poller.poll(task).get();

      assertThat(status)
          .isEqualTo(
              new UpdateStatus(
                  task.context(), ZONE, server.destination(), PollStatus.SUCCESS, 3_000_000_000L));
      assertThat(server.received()).hasSize(3);
    }
  }

  @Test
  void anOlderSerialOnEveryTryEndsInErrorWithThatSerial() throws Exception {
    try (var server = new ScriptedDnsServer((n, r) -> soa(r, 2_999_999_000L + n))) {
      UpdateStatus status = poller.poll(task(server.destination(), 2)).get();

      assertThat(status.status()).isEqualTo(PollStatus.ERROR);
      assertThat(status.actualSerial()).isEqualTo(2_999_999_003L);
      assertThat(server.received()).hasSize(3);
    }
  }

  @Test
  void silenceOnEveryTryEndsInErrorWithoutSerial() throws Exception {
    try (var server = new ScriptedDnsServer((n, r) -> null)) {
      UpdateStatus status = poller.poll(task(server.destination(), 2)).get();

      assertThat(status.status()).isEqualTo(PollStatus.ERROR);
      assertThat(status.actualSerial()).isNull();
      assertThat(server.received()).hasSize(3);
    }
  }

  @Test
  void anOlderSerialThenRefusalsReportsTheOlderSerial() throws Exception {
    try (var server =
        new ScriptedDnsServer((n, r) -> n == 1 ? soa(r, 2_999_999_999L) : refused(r))) {
      UpdateStatus status = poller.poll(task(server.destination(), 2)).get();

      assertThat(status.status()).isEqualTo(PollStatus.ERROR);
      assertThat(status.actualSerial()).isEqualTo(2_999_999_999L);
    }
  }

  @Test
  void aDestinationByNameIsPolledOnTheNextAddressWhenTheFirstDoesNotAnswer(@TempDir Path dir)
      throws Exception {
    try (var server = new ScriptedDnsServer((n, r) -> soa(r, 3_000_000_000L))) {
      Files.writeString(
          dir.resolve("hosts"),
          "127.0.0.81 ns-failover.zonecast.test\n127.0.0.1 ns-failover.zonecast.test\n");
      SerialPoller byName =
          new SerialPoller(
              new DnsClient(HostResolver.system(dir.resolve("hosts"), Duration.ofSeconds(5))),
              retries,
              new TransferFailures(),
              new ServedSerials(),
              new SimpleMeterRegistry(),
              TRANSFER_WAIT);
      String port = server.destination().substring(server.destination().indexOf(':') + 1);

      UpdateStatus status = byName.poll(task("ns-failover.zonecast.test:" + port, 0)).get();

      assertThat(status.status()).isEqualTo(PollStatus.SUCCESS);
      assertThat(server.received()).hasSize(1);
    }
  }

  @Test
  void aDestinationThatDoesNotResolveIsReportedAsNoAnswer(@TempDir Path dir) throws Exception {
    SerialPoller byName =
        new SerialPoller(
            new DnsClient(HostResolver.system(dir.resolve("hosts"), Duration.ofSeconds(5))),
            retries,
            new TransferFailures(),
            new ServedSerials(),
            new SimpleMeterRegistry(),
            TRANSFER_WAIT);

    UpdateStatus status = byName.poll(task("nowhere.invalid:53", 0)).get();

    assertThat(status.status()).isEqualTo(PollStatus.ERROR);
  }

  @Test
  void theFirstQueryWaitsForTheTransferOfTheSerialServedHere() throws Exception {
    ServedSerials served = new ServedSerials();
    SerialPoller waiting = polling(served, TRANSFER_WAIT);
    Name zone = Name.fromString(ZONE.name());
    AtomicBoolean transferred = new AtomicBoolean();
    // the secondary has the serial only once it was transferred: a query before is a wasted one
    try (var server =
        new ScriptedDnsServer(
            (n, r) -> soa(r, transferred.get() ? 3_000_000_000L : 2_999_999_999L))) {
      // a retry interval of 50 ms: unserved, the first query would go out after 100 ms
      var status = waiting.poll(task(server.destination(), 100));
      transferred.set(true);
      served.begin(zone).taken(ZONE.serial());

      assertThat(status.get().status()).isEqualTo(PollStatus.SUCCESS);
      assertThat(server.received()).as("one query, after the transfer").hasSize(1);
    }
  }

  @Test
  void withoutATransferServedHereThePollAsksAnyway() throws Exception {
    ServedSerials served = new ServedSerials();
    SerialPoller waiting = polling(served, TRANSFER_WAIT);
    try (var server = new ScriptedDnsServer((n, r) -> soa(r, 3_000_000_000L))) {
      UpdateStatus status = waiting.poll(task(server.destination(), 5)).get();

      assertThat(status.status()).isEqualTo(PollStatus.SUCCESS);
      assertThat(server.received()).hasSize(1);
    }
  }

  @Test
  void aTransferStillUnderwayHoldsTheQueriesSoTheRetriesDoNotRunOutBeforeTheZoneArrives()
      throws Exception {
    ServedSerials served = new ServedSerials();
    SerialPoller waiting = polling(served, TRANSFER_WAIT);
    Name zone = Name.fromString(ZONE.name());
    AtomicBoolean transferred = new AtomicBoolean();
    try (var server =
        new ScriptedDnsServer(
            (n, r) -> soa(r, transferred.get() ? 3_000_000_000L : 2_999_999_999L))) {
      var transfer = served.begin(zone);
      // two retries 50 ms apart: without the hold, ERROR within some 250 ms
      var status = waiting.poll(task(server.destination(), 2));
      Thread.sleep(600);
      assertThat(status).as("held while the transfer is under way").isNotDone();
      transferred.set(true);
      transfer.taken(ZONE.serial());

      assertThat(status.get().status()).isEqualTo(PollStatus.SUCCESS);
      assertThat(server.received()).as("asked once the zone arrived").hasSize(1);
    }
  }

  @Test
  void aTransferThatNeverEndsHoldsThePollOnlyForTheTransferWait() throws Exception {
    ServedSerials served = new ServedSerials();
    SerialPoller waiting = polling(served, Duration.ofMillis(300));
    served.begin(Name.fromString(ZONE.name()));
    try (var server = new ScriptedDnsServer((n, r) -> soa(r, 2_999_999_999L))) {
      UpdateStatus status = waiting.poll(task(server.destination(), 2)).get();

      assertThat(status.status()).isEqualTo(PollStatus.ERROR);
      assertThat(status.actualSerial()).isEqualTo(2_999_999_999L);
      assertThat(server.received()).as("every attempt made once the wait ran out").hasSize(3);
    }
  }
}
