package io.zonecast.minidns.zonesource;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** {@link CachedZoneLookup}s that keep their answers, for the tests of what uses one. */
public final class CachingLookups {

  private CachingLookups() {}

  /** A feed that is listening, whose generation the test moves on by hand. */
  static final class ListeningFeed extends ZoneChangeFeed {
    long generation;

    @Override
    boolean listening() {
      return true;
    }

    @Override
    long generation() {
      return generation;
    }
  }

  /**
   * A lookup over {@code source} keeping up to {@code maxEntries} answers for an hour: no change is
   * announced to it, only forgetting drops an answer.
   */
  public static CachedZoneLookup keeping(ZoneSource source, int maxEntries) {
    return keeping(source, new ListeningFeed(), maxEntries);
  }

  static CachedZoneLookup keeping(ZoneSource source, ListeningFeed feed, int maxEntries) {
    return new CachedZoneLookup(
        source,
        feed,
        new SerialMarks(Duration.ofHours(1), 1000, System::nanoTime),
        TimeUnit.HOURS.toNanos(1),
        maxEntries);
  }
}
