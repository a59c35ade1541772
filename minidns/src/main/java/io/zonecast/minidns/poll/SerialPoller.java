package io.zonecast.minidns.poll;

import io.zonecast.minidns.exchange.DnsClient;
import io.zonecast.minidns.exchange.Retries;
import io.zonecast.model.messaging.Destination;
import io.zonecast.model.minidns.PollForSerialNumber;
import io.zonecast.model.poolmanager.PollStatus;
import io.zonecast.model.poolmanager.UpdateStatus;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Carries out {@code poll_for_serial_number}: SOA queries to the destination until it serves the
 * expected serial or newer, and the {@code update_status} that reports the outcome:
 *
 * <ul>
 *   <li>actual = expected, or actual newer: SUCCESS with actual;
 *   <li>actual older: poll again after retry_interval, and after max_retries ERROR with actual;
 *   <li>no SOA on any attempt (timeouts, REFUSED, NXDOMAIN): ERROR with no serial.
 * </ul>
 */
@Component
public class SerialPoller {

  private static final Logger log = LoggerFactory.getLogger(SerialPoller.class);

  private final DnsClient client;
  private final Retries retries;

  SerialPoller(DnsClient client, Retries retries) {
    this.client = client;
    this.retries = retries;
  }

  public CompletableFuture<UpdateStatus> poll(PollForSerialNumber task) {
    Destination destination = task.parsedDestination();
    Name zone = zoneName(task.zone().name());
    long expected = task.zone().serial();
    AtomicReference<Long> lastSeen = new AtomicReference<>();
    return retries
        .run(
            task.retryPolicy(),
            attempt ->
                client
                    .send(
                        destination,
                        Message.newQuery(Record.newRecord(zone, Type.SOA, DClass.IN)),
                        task.retryPolicy().timeoutDuration())
                    .handle((response, error) -> {
                      OptionalLong actual =
                          error == null
                              ? PollAnswer.servedSerial(response, zone)
                              : OptionalLong.empty();
                      if (actual.isEmpty()) {
                        return Optional.<Long>empty();
                      }
                      lastSeen.set(actual.getAsLong());
                      return PollAnswer.satisfies(actual.getAsLong(), expected)
                          ? Optional.of(actual.getAsLong())
                          : Optional.<Long>empty();
                    }))
        .thenApply(found -> {
          UpdateStatus status =
              found
                  .map(s ->
                      new UpdateStatus(
                          task.context(), task.zone(), task.destination(), PollStatus.SUCCESS, s))
                  .orElseGet(() ->
                      new UpdateStatus(
                          task.context(),
                          task.zone(),
                          task.destination(),
                          PollStatus.ERROR,
                          lastSeen.get()));
          log.debug(
              "poll of {} at {} for serial {}: {} {}",
              zone,
              destination,
              expected,
              status.status(),
              status.actualSerial());
          return status;
        });
  }

  static Name zoneName(String name) {
    try {
      return Name.fromString(name, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("bad zone name " + name, e);
    }
  }
}
