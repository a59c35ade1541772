package io.zonecast.minidns.server;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The TCP connections MiniDNS serves at once (RFC 7766 6.2.2: a server may limit them, and close
 * those over the limit). At most {@code total}; sources outside the pools (allowed to query only)
 * together at most {@code total - reservedForPool}, each at most {@code perSource}, so neither one
 * noisy address nor many can take the connections the pool's secondaries need for their transfers.
 */
final class ConnectionSlots {

  private final int total;
  private final int forOthers;
  private final int perSource;
  private final Map<InetAddress, Integer> othersBySource = new HashMap<>();
  private int taken;
  private int takenByOthers;

  ConnectionSlots(int total, int reservedForPool, int perSource) {
    this.total = total;
    this.forOthers = total - reservedForPool;
    this.perSource = perSource;
  }

  /** A slot for a connection from {@code source}, or empty when a limit is reached. */
  synchronized Optional<Slot> take(InetAddress source, boolean pool) {
    if (taken >= total) {
      return Optional.empty();
    }
    if (!pool) {
      int fromSource = othersBySource.getOrDefault(source, 0);
      if (takenByOthers >= forOthers || fromSource >= perSource) {
        return Optional.empty();
      }
      othersBySource.put(source, fromSource + 1);
      takenByOthers++;
    }
    taken++;
    return Optional.of(new Slot(source, pool));
  }

  synchronized int taken() {
    return taken;
  }

  private synchronized void release(InetAddress source, boolean pool) {
    taken--;
    if (!pool) {
      takenByOthers--;
      othersBySource.computeIfPresent(source, (address, count) -> count == 1 ? null : count - 1);
    }
  }

  /** A connection's slot, given back when closed (once). */
  final class Slot implements AutoCloseable {
    private final InetAddress source;
    private final boolean pool;
    private boolean released;

    private Slot(InetAddress source, boolean pool) {
      this.source = source;
      this.pool = pool;
    }

    @Override
    public void close() {
      synchronized (ConnectionSlots.this) {
        if (!released) {
          released = true;
          release(source, pool);
        }
      }
    }
  }
}
