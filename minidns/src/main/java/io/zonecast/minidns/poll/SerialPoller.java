package io.zonecast.minidns.poll;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonecast.minidns.poll.PollRules.Verdict;
import io.zonecast.minidns.server.DnsClient;
import io.zonecast.minidns.system.MiniDnsProperties;
import io.zonecast.minidns.system.Retries;
import io.zonecast.minidns.transfer.ServedSerials;
import io.zonecast.minidns.transfer.TransferFailures;
import io.zonecast.model.messaging.Destination;
import io.zonecast.model.minidns.PollForSerialNumber;
import io.zonecast.model.poolmanager.PollStatus;
import io.zonecast.model.poolmanager.UpdateStatus;
import io.zonecast.runtime.logging.LogContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Carries out {@code poll_for_serial_number}: SOA queries to the destination, judged by {@link
 * PollRules}, until a verdict, which becomes the {@code update_status} that reports it. Each query
 * waits {@code timeout} for its answer; the next one is scheduled {@code retry_interval} later.
 */
@Component
public class SerialPoller {

  private static final Logger log = LoggerFactory.getLogger(SerialPoller.class);

  private final DnsClient client;
  private final Retries retries;
  private final TransferFailures failures;
  private final ServedSerials served;
  private final Duration transferWaitAtMost;

  private final MeterRegistry meters;
  private final Counter queriesSent;

  @Autowired
  SerialPoller(
      DnsClient client,
      Retries retries,
      TransferFailures failures,
      ServedSerials served,
      MeterRegistry meters,
      MiniDnsProperties properties) {
    this(client, retries, failures, served, meters, properties.pollTransferWait());
  }

  SerialPoller(
      DnsClient client,
      Retries retries,
      TransferFailures failures,
      ServedSerials served,
      MeterRegistry meters,
      Duration transferWaitAtMost) {
    this.served = served;
    this.transferWaitAtMost = transferWaitAtMost;
    this.client = client;
    this.retries = retries;
    this.failures = failures;
    this.meters = meters;
    this.queriesSent =
        Counter.builder("zonecast.minidns.poll.queries")
            .description("SOA queries sent for poll_for_serial_number, retries included")
            .register(meters);
  }

  /**
   * @throws IllegalArgumentException when the task's destination or zone name cannot be used
   */
  public CompletableFuture<UpdateStatus> poll(PollForSerialNumber task) {
    Destination destination = task.parsedDestination();
    Name zone = zoneName(task.zone().name());
    long expected = task.zone().serial();
    AtomicReference<Long> olderSeen = new AtomicReference<>();
    AtomicReference<String> blocked = new AtomicReference<>();
    Duration interval = task.retryPolicy().retryIntervalDuration();
    long waitDeadline = System.nanoTime() + transferWaitAtMost.toNanos();
    return firstQuery(zone, expected, interval)
        .thenCompose(ready ->
            retries.<Verdict>run(
                task.retryPolicy(),
                (attempt, last) ->
                    untilNoTransferUnderway(zone, waitDeadline)
                        .thenCompose(quiet ->
                            ask(task, destination, zone, expected, last, olderSeen, blocked))))
        .thenApply(verdict -> {
          UpdateStatus status =
              switch (verdict.orElseGet(() -> new Verdict.Error(olderSeen.get()))) {
                case Verdict.Success s ->
                    new UpdateStatus(
                        task.context(),
                        task.zone(),
                        task.destination(),
                        PollStatus.SUCCESS,
                        s.actual());
                case Verdict.Error e ->
                    new UpdateStatus(
                        task.context(),
                        task.zone(),
                        task.destination(),
                        PollStatus.ERROR,
                        e.actual(),
                        blocked.get());
                case Verdict.Retry r ->
                    throw new IllegalStateException("a final verdict cannot be a retry");
              };
          meters
              .counter(
                  "zonecast.minidns.poll.tasks", "outcome", status.status().name().toLowerCase())
              .increment();
          LogContext.run(
              task.context(),
              () ->
                  log.atLevel(status.status() == PollStatus.SUCCESS ? Level.DEBUG : Level.INFO)
                      .log(
                          "poll of {} at {} for serial {}: {} (serial {}){}",
                          zone,
                          destination,
                          expected,
                          status.status(),
                          status.actualSerial(),
                          status.message() == null ? "" : ": " + status.message()));
          return status;
        });
  }

  /** One SOA query and its verdict: empty while the serial is not there yet. */
  private CompletableFuture<Optional<Verdict>> ask(
      PollForSerialNumber task,
      Destination destination,
      Name zone,
      long expected,
      boolean last,
      AtomicReference<Long> olderSeen,
      AtomicReference<String> blocked) {
    queriesSent.increment();
    return client
        .send(destination, soaQuery(zone), task.retryPolicy().timeoutDuration())
        .handle((response, error) -> {
          Verdict verdict =
              PollRules.judge(
                  error == null ? response : null, zone, expected, olderSeen.get(), last);
          if (!(verdict instanceof Verdict.Retry retry)) {
            return Optional.of(verdict);
          }
          olderSeen.set(retry.olderSeen());
          // our own transfer of this serial failed: the destination cannot catch up, so waiting
          // for the retries to run out would only hide why
          Optional<TransferFailures.Failure> failure = failures.blocking(zone, expected);
          if (failure.isEmpty()) {
            return Optional.empty();
          }
          blocked.set(
              "MiniDNS cannot transfer serial "
                  + failure.get().serial()
                  + ": "
                  + failure.get().reason());
          return Optional.of(new Verdict.Error(retry.olderSeen()));
        });
  }

  /**
   * When the first SOA query goes out: as soon as the secondary took this instance's transfer of
   * the serial (the NOTIFY cast with this poll sets it off; a secondary closes the transfer's
   * connection only after it stored the zone, {@link ServedSerials}), or at the latest {@link
   * #FIRST_QUERY_AT_MOST} retry intervals after the task came (the transfer went to another
   * instance, or the secondary had the serial already). Asking at once, as before, found the old
   * serial almost every time: a wasted query per nameserver.
   */
  private CompletableFuture<Boolean> firstQuery(Name zone, long expected, Duration interval) {
    return served.servedAtLeast(zone, expected, interval.multipliedBy(FIRST_QUERY_AT_MOST));
  }

  /**
   * Holds a query while this instance is still sending the zone (to this destination or another on
   * the same address: they cannot be told apart), until {@code deadline} ({@link
   * MiniDnsProperties#pollTransferWait()} after the poll began): the attempts then count only while
   * the secondary could have the serial.
   */
  private CompletableFuture<Boolean> untilNoTransferUnderway(Name zone, long deadline) {
    return served.noTransferUnderway(zone, Duration.ofNanos(deadline - System.nanoTime()));
  }

  /** In retry intervals: how long a poll waits for the transfer at most before it asks. */
  static final int FIRST_QUERY_AT_MOST = 2;

  private static Message soaQuery(Name zone) {
    return Message.newQuery(Record.newRecord(zone, Type.SOA, DClass.IN));
  }

  static Name zoneName(String name) {
    try {
      return Name.fromString(name, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("bad zone name " + name, e);
    }
  }
}
