package io.zonecast.minidns.zonesource;

import io.zonecast.minidns.system.MiniDnsProperties;
import io.zonecast.model.pool.PoolsReloaded;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Name;

/**
 * Which zone holds a name, for answering queries (SOA above all: every secondary asks it on every
 * NOTIFY and refresh). Answers are kept in memory and are valid only in the generation of the
 * {@link ZoneChangeFeed} they were read in, so a committed change is seen by the next query; a
 * maximum age bounds what a lost announcement could leave stale, and an answer older than a {@link
 * SerialMarks serial mark} is never used. Transfers and NOTIFYs do not use it: they read the
 * database.
 */
@Component
public class CachedZoneLookup {

  private record Entry(Optional<ZoneHead> zone, long generation, long forgotten, long loadedAt) {}

  /** Moves on with every {@link #forgetAll()}: entries read before it are no longer used. */
  private final AtomicLong forgotten = new AtomicLong();

  /** Moves on with every {@link #forget(Name)}, so that a read it overlapped is not kept. */
  private final AtomicLong zonesForgotten = new AtomicLong();

  private final ZoneSource source;
  private final ZoneChangeFeed feed;
  private final SerialMarks marks;
  private final long maxAgeNanos;
  private final int maxEntries;
  private final ConcurrentHashMap<Name, Entry> entries = new ConcurrentHashMap<>();

  @Autowired
  CachedZoneLookup(
      ZoneSource source, ZoneChangeFeed feed, SerialMarks marks, MiniDnsProperties properties) {
    this(
        source,
        feed,
        marks,
        properties.zoneCache().maxAge().toNanos(),
        properties.zoneCache().maxEntries());
  }

  CachedZoneLookup(
      ZoneSource source, ZoneChangeFeed feed, SerialMarks marks, long maxAgeNanos, int maxEntries) {
    this.source = source;
    this.feed = feed;
    this.marks = marks;
    this.maxAgeNanos = maxAgeNanos;
    this.maxEntries = maxEntries;
  }

  /** A lookup that keeps nothing and always asks {@code source}. */
  public static CachedZoneLookup readingThrough(ZoneSource source) {
    // no mark is ever raised on these
    SerialMarks none = new SerialMarks(Duration.ofSeconds(1), 1, System::nanoTime);
    return new CachedZoneLookup(source, ZoneChangeFeed.silent(), none, 0, 1);
  }

  /** Drops every answer kept so far. */
  public void forgetAll() {
    forgotten.incrementAndGet();
  }

  /**
   * Drops the answers for the names of {@code zone}: its apex and every name below it, whichever
   * zone they were found in (a new zone takes names from its parent). Called before a NOTIFY for
   * the zone goes out: the secondary's SOA query that follows must see the serial being announced
   * even if PostgreSQL's announcement of the change has not reached this instance yet (its listener
   * thread can lag behind, e.g. after a GC pause). Other zones' answers stay.
   */
  public void forget(Name zone) {
    zonesForgotten.incrementAndGet();
    entries.keySet().removeIf(name -> name.subdomain(zone));
  }

  /**
   * A new version of the pools file may add or drop catalog zones, which no database change
   * announces: the answers kept so far may name the wrong zone.
   */
  @EventListener
  void poolsReloaded(PoolsReloaded reloaded) {
    forgetAll();
  }

  /** True while answers are kept: PostgreSQL's change announcements are being received. */
  public boolean caching() {
    return feed.listening();
  }

  /** The zone whose apex is the longest suffix of {@code name}, as ZoneSource#findZone. */
  public Optional<ZoneHead> findZone(Name name) {
    if (!feed.listening()) {
      return source.findZone(name);
    }
    // read before the database: an announcement during the read makes the entry stale at once
    long generation = feed.generation();
    long forgottenNow = forgotten.get();
    long zonesForgottenNow = zonesForgotten.get();
    long now = System.nanoTime();
    Entry entry = entries.get(name);
    if (entry != null
        && entry.generation() == generation
        && entry.forgotten() == forgottenNow
        && now - entry.loadedAt() < maxAgeNanos
        && !marks.behind(name, entry.zone())) {
      return entry.zone();
    }
    Optional<ZoneHead> zone = source.findZone(name);
    if (entries.size() >= maxEntries) {
      makeRoom(generation, forgottenNow, now);
    }
    Entry read = new Entry(zone, generation, forgottenNow, now);
    entries.put(name, read);
    // a zone forgotten during the database read may hold this name: the read may predate its change
    if (zonesForgotten.get() != zonesForgottenNow) {
      entries.remove(name, read);
    }
    return zone;
  }

  /**
   * Drops the entries no query can use any more (read before the last change or pools file, or
   * older than max-age): what stays are the zones asked within the last max-age, the ones worth
   * keeping. When that frees less than a quarter, starts over, so a full cache is swept at most
   * once per quarter of its size of new names.
   */
  private void makeRoom(long generation, long forgottenNow, long now) {
    entries
        .values()
        .removeIf(e ->
            e.generation() != generation
                || e.forgotten() != forgottenNow
                || now - e.loadedAt() >= maxAgeNanos);
    if (entries.size() > maxEntries - Math.max(1, maxEntries / 4)) {
      entries.clear();
    }
  }

  /** Names held now. */
  int size() {
    return entries.size();
  }
}
