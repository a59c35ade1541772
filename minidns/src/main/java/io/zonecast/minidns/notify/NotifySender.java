package io.zonecast.minidns.notify;

import io.zonecast.minidns.exchange.DnsClient;
import io.zonecast.minidns.exchange.Retries;
import io.zonecast.minidns.zonesource.ZoneSource;
import io.zonecast.model.messaging.Destination;
import io.zonecast.model.minidns.NotifyZoneChanged;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Carries out {@code notify_zone_changed}: a NOTIFY (RFC 1996 section 3: opcode NOTIFY, AA set, the
 * zone's SOA as question and, when known, in the answer section) sent until the destination
 * answers, waiting {@code timeout} for each answer and {@code retry_interval} between tries. Any
 * answer ends the task; an error rcode is logged, as it usually means the secondary refuses us.
 */
@Component
public class NotifySender {

  private static final Logger log = LoggerFactory.getLogger(NotifySender.class);

  private final DnsClient client;
  private final Retries retries;
  private final ZoneSource zones;

  NotifySender(DnsClient client, Retries retries, ZoneSource zones) {
    this.client = client;
    this.retries = retries;
    this.zones = zones;
  }

  /** Completes with true when the destination answered, false after the last retry. */
  public CompletableFuture<Boolean> send(NotifyZoneChanged task) {
    Destination destination = task.parsedDestination();
    Name zone = name(task.zone().name());
    return retries
        .run(
            task.retryPolicy(),
            attempt ->
                client
                    .send(destination, notify(zone), task.retryPolicy().timeoutDuration())
                    .handle((response, error) -> {
                      if (error != null) {
                        return Optional.<Integer>empty();
                      }
                      return Optional.of(response.getRcode());
                    }))
        .thenApply(answered -> {
          if (answered.isEmpty()) {
            log.warn(
                "NOTIFY for {} to {}: no answer after {} tries",
                zone,
                destination,
                task.retryPolicy().attempts());
            return false;
          }
          if (answered.get() != Rcode.NOERROR) {
            log.warn(
                "NOTIFY for {} to {} answered {}", zone, destination, Rcode.string(answered.get()));
          }
          return true;
        });
  }

  private Message notify(Name zone) {
    Message message = new Message();
    message.getHeader().setOpcode(Opcode.NOTIFY);
    message.getHeader().setFlag(Flags.AA);
    message.getHeader().unsetFlag(Flags.RD);
    message.addRecord(Record.newRecord(zone, Type.SOA, DClass.IN), Section.QUESTION);
    zones
        .findZone(zone)
        .filter(z -> z.name().equals(zone))
        .ifPresent(z -> message.addRecord(z.soa(), Section.ANSWER));
    return message;
  }

  private static Name name(String name) {
    try {
      return Name.fromString(name, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("bad zone name " + name, e);
    }
  }
}
