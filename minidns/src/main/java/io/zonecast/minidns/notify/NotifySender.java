package io.zonecast.minidns.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonecast.minidns.server.DnsClient;
import io.zonecast.minidns.system.Retries;
import io.zonecast.minidns.tsig.ZoneKey;
import io.zonecast.minidns.tsig.ZoneKeys;
import io.zonecast.minidns.zonesource.CachedZoneLookup;
import io.zonecast.minidns.zonesource.ZoneHead;
import io.zonecast.minidns.zonesource.ZoneSource;
import io.zonecast.model.messaging.Destination;
import io.zonecast.model.minidns.NotifyZoneChanged;
import io.zonecast.runtime.logging.LogContext;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Carries out {@code notify_zone_changed}: a NOTIFY sent until the destination answers, waiting
 * {@code timeout} for each answer and {@code retry_interval} between tries, at most {@code
 * max_retries} resends. Any answer ends the task, as a response only tells the primary to stop
 * resending (RFC 1996 section 3.6, which also has a secondary without NOTIFY answer NOTIMP); an
 * error rcode is logged, as it usually means the secondary refuses us.
 */
@Component
public class NotifySender {

  private static final Logger log = LoggerFactory.getLogger(NotifySender.class);

  private final DnsClient client;
  private final Retries retries;
  private final ZoneSource zones;
  private final CachedZoneLookup lookup;
  private final ZoneKeys keys;
  private final Counter messagesSent;
  private final MeterRegistry meters;

  NotifySender(DnsClient client, Retries retries, ZoneSource zones, MeterRegistry meters) {
    this(client, retries, zones, CachedZoneLookup.readingThrough(zones), ZoneKeys.none(), meters);
  }

  @Autowired
  NotifySender(
      DnsClient client,
      Retries retries,
      ZoneSource zones,
      CachedZoneLookup lookup,
      ZoneKeys keys,
      MeterRegistry meters) {
    this.lookup = lookup;
    this.keys = keys;
    this.client = client;
    this.retries = retries;
    this.zones = zones;
    this.meters = meters;
    this.messagesSent =
        Counter.builder("zonecast.minidns.notify.messages")
            .description("NOTIFY messages sent, resends included")
            .register(meters);
  }

  /**
   * Completes with true when the destination answered, false when it never did.
   *
   * @throws IllegalArgumentException when the task's destination or zone name cannot be used
   */
  public CompletableFuture<Boolean> send(NotifyZoneChanged task) {
    Destination destination = task.parsedDestination();
    Name zone = name(task.zone().name());
    Optional<ZoneHead> head = apex(zone);
    Message notify = notify(zone, head);
    TSIG key = head.map(this::key).orElse(null);
    // the secondary asks our SOA next: it must not get an answer kept from before this change
    lookup.forget(zone);
    return retries
        .run(
            task.retryPolicy(),
            (attempt, last) -> {
              messagesSent.increment();
              return client
                  .send(destination, notify, task.retryPolicy().timeoutDuration(), key)
                  .handle((response, error) ->
                      error == null ? Optional.of(response.getRcode()) : Optional.empty());
            })
        .thenApply(answered -> {
          meters
              .counter(
                  "zonecast.minidns.notify.tasks",
                  "outcome",
                  answered.map(rcode -> Rcode.string(rcode).toLowerCase()).orElse("unanswered"))
              .increment();
          LogContext.run(
              task.context(),
              () -> {
                if (answered.isEmpty()) {
                  log.warn(
                      "NOTIFY for {} to {}: no answer after {} tries, giving up",
                      zone,
                      destination,
                      task.retryPolicy().attempts());
                } else if (answered.get() != Rcode.NOERROR) {
                  log.warn(
                      "NOTIFY for {} to {} answered {}",
                      zone,
                      destination,
                      Rcode.string(answered.get()));
                } else {
                  log.debug("NOTIFY for {} to {} acknowledged", zone, destination);
                }
              });
          return answered.isPresent();
        });
  }

  /**
   * RFC 1996 section 3: opcode NOTIFY, AA set, the zone's SOA as the question and (section 3.7) its
   * current SOA in the answer section when we have it. The message is built once; resends carry the
   * same id, which is how a secondary recognises a retransmission.
   */
  private Message notify(Name zone, Optional<ZoneHead> head) {
    Message message = new Message();
    message.getHeader().setOpcode(Opcode.NOTIFY);
    message.getHeader().setFlag(Flags.AA);
    message.addRecord(Record.newRecord(zone, Type.SOA, DClass.IN), Section.QUESTION);
    head.ifPresent(z -> message.addRecord(z.soa(), Section.ANSWER));
    return message;
  }

  /**
   * The zone, for its SOA and its TSIG key (RFC 8945: a NOTIFY for a zone with a key is signed).
   * The SOA is only a hint, the secondary queries the primary anyway: when the database cannot be
   * read the NOTIFY is sent without it, and unsigned.
   */
  private Optional<ZoneHead> apex(Name zone) {
    try {
      return zones.findZone(zone).filter(z -> z.name().equals(zone));
    } catch (RuntimeException e) {
      log.warn("NOTIFY for {} sent without its SOA: {}", zone, e.toString());
      return Optional.empty();
    }
  }

  /** The zone's TSIG key, null when it has none or the keys cannot be read (then unsigned). */
  private TSIG key(ZoneHead zone) {
    try {
      return keys.forZone(zone.id()).map(ZoneKey::tsig).orElse(null);
    } catch (RuntimeException e) {
      log.warn(
          "NOTIFY for {} sent unsigned: its TSIG key cannot be read: {}",
          zone.name(),
          e.toString());
      return null;
    }
  }

  private static Name name(String name) {
    try {
      return Name.fromString(name, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("bad zone name " + name, e);
    }
  }
}
