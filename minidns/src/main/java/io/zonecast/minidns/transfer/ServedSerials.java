package io.zonecast.minidns.transfer;

import io.zonecast.model.serial.SerialNumber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Name;

/**
 * The serials this instance has transferred, so a poll can wait for the transfer its NOTIFY set off
 * instead of asking the secondary before it could have the serial (the first SOA query of a poll
 * cast together with its NOTIFY saw the old serial almost every time). A transfer counts once the
 * client took it: over TCP when it closed the connection or asked again ({@link
 * io.zonecast.minidns.protocol.ResponseSink#afterDelivery}), which a secondary does after storing
 * the zone.
 *
 * <p>A wait ends when the serial was taken and no other transfer of the zone is still under way:
 * the pool's secondaries are NOTIFYed together, and on one address (several secondaries on one
 * host) a transfer cannot be told from another's, so the first one taken must not start the polls
 * of the others that are still transferring.
 *
 * <p>Held in memory: the few zones transferred last, and the polls waiting. With several MiniDNS
 * instances the transfer may go to another one; a poll then waits at most its bound and starts
 * asking as before.
 */
@Component
public class ServedSerials {

  private static final int RECENT = 1024;

  /** A poll waiting; a null serial waits only for the zone's transfers under way to end. */
  private record Waiter(Long serial, CompletableFuture<Boolean> served) {
    boolean satisfiedBy(Long last) {
      return serial == null || (last != null && atLeast(last, serial));
    }
  }

  /** A transfer under way; {@link #taken} or {@link #abandoned} ends it, once. */
  public final class Transfer {
    private final Name zone;
    private final AtomicBoolean ended = new AtomicBoolean();

    private Transfer(Name zone) {
      this.zone = zone;
    }

    /** The client took the zone at {@code serial}. */
    public void taken(long serial) {
      if (ended.compareAndSet(false, true)) {
        ended(zone, serial);
      }
    }

    /** The transfer ended without the client taking a serial (refused, failed). */
    public void abandoned() {
      if (ended.compareAndSet(false, true)) {
        ended(zone, null);
      }
    }
  }

  private final Map<Name, Long> recent =
      new LinkedHashMap<>(RECENT * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Name, Long> eldest) {
          return size() > RECENT;
        }
      };

  private final Map<Name, Integer> underway = new HashMap<>();
  private final Map<Name, List<Waiter>> waiting = new LinkedHashMap<>();

  /** A transfer of {@code zone} begins; the caller ends it. */
  public synchronized Transfer begin(Name zone) {
    underway.merge(zone, 1, Integer::sum);
    return new Transfer(zone);
  }

  private void ended(Name zone, Long serial) {
    List<CompletableFuture<Boolean>> done = new ArrayList<>();
    synchronized (this) {
      underway.computeIfPresent(zone, (z, n) -> n == 1 ? null : n - 1);
      if (serial != null) {
        recent.merge(zone, serial, (old, now) -> newer(now, old) ? now : old);
      }
      Long last = recent.get(zone);
      List<Waiter> waiters = waiting.get(zone);
      if (waiters != null && !underway.containsKey(zone)) {
        waiters.removeIf(w -> {
          boolean reached = w.satisfiedBy(last);
          if (reached) {
            done.add(w.served());
          }
          return reached;
        });
        if (waiters.isEmpty()) {
          waiting.remove(zone);
        }
      }
    }
    done.forEach(f -> f.complete(true));
  }

  /**
   * Completes with true when a transfer of {@code zone} at {@code serial} or newer has been taken
   * here and none of the zone is under way (at once if so), with false after {@code atMost} if not.
   */
  public CompletableFuture<Boolean> servedAtLeast(Name zone, long serial, Duration atMost) {
    return await(zone, serial, atMost);
  }

  /**
   * Completes with true when no transfer of {@code zone} is under way here (at once if none is),
   * with false after {@code atMost} if one still is: a poll does not ask while the secondary is
   * still receiving the zone (a large zone's transfer can outlast all of a poll's retries).
   */
  public CompletableFuture<Boolean> noTransferUnderway(Name zone, Duration atMost) {
    return await(zone, null, atMost);
  }

  private CompletableFuture<Boolean> await(Name zone, Long serial, Duration atMost) {
    CompletableFuture<Boolean> served = new CompletableFuture<>();
    Waiter waiter = new Waiter(serial, served);
    synchronized (this) {
      if (!underway.containsKey(zone) && waiter.satisfiedBy(recent.get(zone))) {
        return CompletableFuture.completedFuture(true);
      }
      if (atMost.isZero() || atMost.isNegative()) {
        return CompletableFuture.completedFuture(false);
      }
      waiting.computeIfAbsent(zone, z -> new ArrayList<>()).add(waiter);
    }
    served.whenComplete((v, e) -> forget(zone, waiter));
    return served.completeOnTimeout(false, atMost.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** How many polls wait (for tests). */
  synchronized int waiting() {
    return waiting.values().stream().mapToInt(List::size).sum();
  }

  private synchronized void forget(Name zone, Waiter waiter) {
    List<Waiter> waiters = waiting.get(zone);
    if (waiters != null && waiters.remove(waiter) && waiters.isEmpty()) {
      waiting.remove(zone);
    }
  }

  private static boolean atLeast(long serial, long wanted) {
    return SerialNumber.of(serial).isAtLeast(SerialNumber.of(wanted));
  }

  private static boolean newer(long serial, long than) {
    return SerialNumber.of(serial).isNewerThan(SerialNumber.of(than));
  }
}
