package io.zonecast.minidns.transfer;

import io.zonecast.model.serial.SerialNumber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * <p>Held in memory: the few zones transferred last, and the polls waiting. With several MiniDNS
 * instances the transfer may go to another one; a poll then waits at most its bound and starts
 * asking as before.
 */
@Component
public class ServedSerials {

  private static final int RECENT = 1024;

  private record Waiter(long serial, CompletableFuture<Boolean> served) {}

  private final Map<Name, Long> recent =
      new LinkedHashMap<>(RECENT * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Name, Long> eldest) {
          return size() > RECENT;
        }
      };

  private final Map<Name, List<Waiter>> waiting = new LinkedHashMap<>();

  /** A transfer of {@code zone} at {@code serial} was served. */
  public void served(Name zone, long serial) {
    List<CompletableFuture<Boolean>> done = new ArrayList<>();
    synchronized (this) {
      recent.merge(zone, serial, (old, now) -> newer(now, old) ? now : old);
      List<Waiter> waiters = waiting.get(zone);
      if (waiters != null) {
        waiters.removeIf(w -> {
          boolean reached = atLeast(serial, w.serial());
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
   * Completes with true when a transfer of {@code zone} at {@code serial} or newer has been served
   * here (at once if one was, lately), with false after {@code atMost} if none was.
   */
  public CompletableFuture<Boolean> servedAtLeast(Name zone, long serial, Duration atMost) {
    CompletableFuture<Boolean> served = new CompletableFuture<>();
    Waiter waiter = new Waiter(serial, served);
    synchronized (this) {
      Long last = recent.get(zone);
      if (last != null && atLeast(last, serial)) {
        return CompletableFuture.completedFuture(true);
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
