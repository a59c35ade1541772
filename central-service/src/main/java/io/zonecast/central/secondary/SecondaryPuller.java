package io.zonecast.central.secondary;

import io.zonecast.central.secondary.SecondaryStore.PullSession;
import io.zonecast.central.secondary.SecondaryStore.Timers;
import io.zonecast.central.secondary.wire.IncomingZone;
import io.zonecast.central.secondary.wire.MasterClient;
import io.zonecast.central.secondary.wire.StagedRecord;
import io.zonecast.central.secondary.wire.TransferFailure;
import io.zonecast.model.messaging.Destination;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.serial.SerialNumber;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.ZoneTransferException;

/**
 * Pulls a SECONDARY zone from its masters (RFC 1035 section 4.3.5, RFC 1996 section 4.7): asks them
 * in order for the SOA; when a master's serial is newer than the zone's (RFC 1982), takes the zone
 * from it, an IXFR from the zone's serial when it was transferred before (RFC 1995), an AXFR when
 * the master answers with the whole zone or refuses the IXFR. What arrived is stored in one
 * transaction with the zone's pull lock held, so two central instances never store a transfer
 * twice; a failure stores nothing and says why in the zone's {@code status_message}.
 *
 * <p>A pull starts on the zone's refresh timer ({@link RefreshTimer}), on a request of central
 * itself (the zone created, its masters changed, {@code tasks/xfr}) and on a master's NOTIFY, which
 * MiniDNS received and hands over as a {@code central.secondary_zone_notified} cast.
 */
@Component
public class SecondaryPuller implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(SecondaryPuller.class);

  /** What one pull did. */
  public enum Outcome {
    TRANSFERRED,
    UP_TO_DATE,
    FAILED,
    BUSY,
    GONE,
    /** A refresh whose time had not come (any more): another pull ran meanwhile. */
    NOT_DUE
  }

  private final SecondaryStore store;
  private final MasterClient masters;
  private final SecondaryPullProperties properties;
  private final ExecutorService executor;
  private final Set<UUID> running = ConcurrentHashMap.newKeySet();

  SecondaryPuller(SecondaryStore store, MasterClient masters, SecondaryPullProperties properties) {
    this.store = store;
    this.masters = masters;
    this.properties = properties;
    this.executor =
        Executors.newFixedThreadPool(
            properties.parallelism(),
            Thread.ofPlatform().name("secondary-pull-", 0).daemon().factory());
  }

  /** Pulls the zone on the pull threads; a pull of it already running here is not doubled. */
  public CompletableFuture<Outcome> pull(UUID zoneId, String reason, RequestContext context) {
    return start(zoneId, () -> pullNow(zoneId, reason, context, false));
  }

  /**
   * The refresh timer's pull: only while the zone is still due once its pull lock is held, so a
   * pull that ended just before (another instance's, a NOTIFY's) is not repeated at once.
   */
  CompletableFuture<Outcome> refresh(UUID zoneId, RequestContext context) {
    return start(zoneId, () -> pullNow(zoneId, "refresh timer", context, true));
  }

  private CompletableFuture<Outcome> start(UUID zoneId, Supplier<Outcome> pull) {
    if (!running.add(zoneId)) {
      return CompletableFuture.completedFuture(Outcome.BUSY);
    }
    try {
      return CompletableFuture.supplyAsync(pull, executor)
          .whenComplete((outcome, error) -> running.remove(zoneId));
    } catch (RuntimeException e) {
      running.remove(zoneId);
      throw e;
    }
  }

  /** One pull, on the calling thread. */
  Outcome pullNow(UUID zoneId, String reason, RequestContext context) {
    return pullNow(zoneId, reason, context, false);
  }

  private Outcome pullNow(UUID zoneId, String reason, RequestContext context, boolean onlyIfDue) {
    Optional<SecondaryZoneRow> known = store.zone(zoneId);
    if (known.isEmpty() || known.get().beingDeleted()) {
      return Outcome.GONE;
    }
    SecondaryZoneRow zone = known.get();
    try {
      Optional<Outcome> outcome =
          store.inPull(
              zoneId,
              session ->
                  onlyIfDue && !store.isDue(zoneId)
                      ? Outcome.NOT_DUE
                      : pullLocked(session, reason, context));
      return outcome.orElse(Outcome.BUSY);
    } catch (TransferFailure e) {
      return failed(zone, e.getMessage());
    } catch (RuntimeException e) {
      log.warn("pull of {} failed", zone.name(), e);
      return failed(zone, "transfer failed: " + e);
    }
  }

  private Outcome failed(SecondaryZoneRow zone, String reason) {
    Duration retry =
        zone.retry() == null
            ? properties.firstRetry()
            : atLeastMin(Duration.ofSeconds(zone.retry()));
    Duration expire =
        zone.expire() == null ? properties.firstExpire() : Duration.ofSeconds(zone.expire());
    boolean expired = store.failed(zone.id(), reason, retry, expire);
    if (expired) {
      log.error(
          "zone {} ERROR: no master answered within its expire ({}): {}",
          zone.name(),
          expire,
          reason);
    } else {
      log.warn("pull of {} failed, again in {}: {}", zone.name(), retry, reason);
    }
    return Outcome.FAILED;
  }

  private record MasterSoa(Destination master, InetSocketAddress address, SOARecord soa) {}

  private Outcome pullLocked(PullSession session, String reason, RequestContext context) {
    SecondaryZoneRow zone = session.zone();
    if (zone.beingDeleted()) {
      return Outcome.GONE;
    }
    Name apex = name(zone.name());
    TSIG key = key(zone);
    MasterSoa answer = askMasters(zone, apex, key);
    SerialNumber theirs = SerialNumber.of(answer.soa().getSerial());
    if (zone.everTransferred() && !theirs.isNewerThan(SerialNumber.of(zone.serial()))) {
      store.refreshed(zone.id(), timers(answer.soa()));
      log.debug(
          "{}: {} has serial {}, as the zone ({})", zone.name(), answer.master(), theirs, reason);
      return Outcome.UP_TO_DATE;
    }
    IncomingZone incoming = transfer(session, zone, apex, answer, key);
    SOARecord soa = incoming.finish();
    if (incoming.wasIncremental() && zone.serial() == soa.getSerial()) {
      store.refreshed(zone.id(), timers(soa));
      return Outcome.UP_TO_DATE;
    }
    StagedRecord soaRow = IncomingZone.staged(soa);
    if (!session.apply(soaRow, soa.getSerial(), timers(soa), context)) {
      return Outcome.GONE;
    }
    log.info(
        "{}: {} from {} at serial {} ({} records{}; {})",
        zone.name(),
        incoming.wasIncremental() ? "IXFR" : "AXFR",
        answer.master(),
        soa.getSerial(),
        incoming.records(),
        incoming.wasIncremental() ? " in its differences" : "",
        reason);
    return Outcome.TRANSFERRED;
  }

  /** IXFR when the zone has a serial to start from, AXFR when that cannot be used. */
  private IncomingZone transfer(
      PullSession session, SecondaryZoneRow zone, Name apex, MasterSoa from, TSIG key) {
    if (zone.everTransferred()) {
      IncomingZone incoming = new IncomingZone(apex, session, properties.batchSize());
      try {
        masters.transfer(
            from.address(), apex, zone.serial(), key, properties.transferTimeout(), incoming);
        return incoming;
      } catch (IncomingZone.IxfrOutOfStep e) {
        log.warn("{}: {}; taking an AXFR", zone.name(), e.getMessage());
      } catch (ZoneTransferException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("TSIG")) {
          throw new TransferFailure("IXFR from " + from.master() + ": " + e.getMessage());
        }
        // RFC 1995 section 2: a primary may refuse IXFR; AXFR is what every primary serves
        log.info(
            "{}: IXFR from {} refused ({}); taking an AXFR",
            zone.name(),
            from.master(),
            e.getMessage());
      } catch (IOException e) {
        throw new TransferFailure("IXFR from " + from.master() + " failed: " + describe(e));
      }
    }
    IncomingZone incoming = new IncomingZone(apex, session, properties.batchSize());
    try {
      masters.transfer(from.address(), apex, null, key, properties.transferTimeout(), incoming);
    } catch (ZoneTransferException e) {
      throw new TransferFailure("AXFR from " + from.master() + " refused: " + e.getMessage());
    } catch (IOException e) {
      throw new TransferFailure("AXFR from " + from.master() + " failed: " + describe(e));
    }
    return incoming;
  }

  /** The SOA from the first master that answers it with authority (RFC 1996 section 4.7). */
  private MasterSoa askMasters(SecondaryZoneRow zone, Name apex, TSIG key) {
    List<String> problems = new ArrayList<>();
    for (String text : zone.masters()) {
      Destination master;
      InetSocketAddress address;
      try {
        master = Destination.parse(text);
        // central keeps only IP addresses as masters: no name is looked up here
        address = new InetSocketAddress(InetAddress.getByName(master.host()), master.port());
      } catch (IOException | RuntimeException e) {
        problems.add(text + ": not an address");
        continue;
      }
      Message reply;
      try {
        reply = masters.soa(address, apex, key, properties.soaTimeout());
      } catch (IOException | RuntimeException e) {
        problems.add(master + ": no answer to the SOA query (" + describe(e) + ")");
        continue;
      }
      if (reply.getRcode() != Rcode.NOERROR) {
        problems.add(master + ": SOA query answered " + Rcode.string(reply.getRcode()));
        continue;
      }
      if (key != null && !reply.isVerified()) {
        problems.add(master + ": its SOA answer does not carry a valid TSIG signature");
        continue;
      }
      if (!reply.getHeader().getFlag(Flags.AA)) {
        problems.add(master + ": not authoritative for " + apex);
        continue;
      }
      Optional<SOARecord> soa =
          reply.getSection(Section.ANSWER).stream()
              .filter(r -> r instanceof SOARecord && r.getName().equals(apex))
              .map(SOARecord.class::cast)
              .findFirst();
      if (soa.isEmpty()) {
        problems.add(master + ": no SOA of " + apex + " in its answer");
        continue;
      }
      return new MasterSoa(master, address, soa.get());
    }
    throw new TransferFailure(
        problems.isEmpty()
            ? "the zone has no masters"
            : "no master answered for " + apex + ": " + String.join("; ", problems));
  }

  private Timers timers(SOARecord soa) {
    long min = Math.max(1, properties.minInterval().toSeconds());
    return new Timers(
        Math.max(min, soa.getRefresh()),
        Math.max(min, soa.getRetry()),
        Math.max(min, soa.getExpire()));
  }

  private Duration atLeastMin(Duration d) {
    return d.compareTo(properties.minInterval()) < 0 ? properties.minInterval() : d;
  }

  private TSIG key(SecondaryZoneRow zone) {
    return store
        .key(zone.id(), zone.poolId())
        .map(stored -> MasterClient.key(stored.name(), stored.algorithm(), stored.secret()))
        .orElse(null);
  }

  private static Name name(String text) {
    try {
      return Name.fromString(text, Name.root);
    } catch (TextParseException e) {
      throw new TransferFailure("bad zone name " + text);
    }
  }

  private static String describe(Throwable e) {
    Throwable cause = e;
    while ((cause instanceof java.util.concurrent.ExecutionException
            || cause instanceof java.util.concurrent.CompletionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }
}
