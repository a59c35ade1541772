package io.zonecast.minidns.zonesource;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

class CachedZoneLookupTest {

  /** A feed that is listening, whose generation the test moves on by hand. */
  static final class Feed extends ZoneChangeFeed {
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

  /** Knows no zone; counts the names it was asked for. */
  static final class Counting implements ZoneSource {
    final List<Name> asked = new ArrayList<>();

    @Override
    public Optional<ZoneHead> findZone(Name name) {
      asked.add(name);
      return Optional.empty();
    }

    @Override
    public List<Record> recordsAt(ZoneHead zone, Name name) {
      return List.of();
    }

    @Override
    public boolean hasNamesBelow(ZoneHead zone, Name name) {
      return false;
    }

    @Override
    public <T> Optional<T> inSnapshot(Name apex, Function<ZoneSnapshot, T> work) {
      return Optional.empty();
    }

    @Override
    public boolean streamZone(Name apex, Consumer<ZoneHead> head, Consumer<Record> records) {
      return false;
    }
  }

  final Feed feed = new Feed();
  final Counting source = new Counting();
  final CachedZoneLookup cache =
      new CachedZoneLookup(
          source,
          feed,
          new SerialMarks(Duration.ofHours(1), 1000, System::nanoTime),
          TimeUnit.HOURS.toNanos(1),
          4);

  static Name name(String text) {
    return Name.fromConstantString(text);
  }

  @Test
  void aFullCacheDropsTheEntriesReadBeforeTheLastChangeAndKeepsTheCurrentOnes() {
    cache.findZone(name("a.example."));
    cache.findZone(name("b.example."));
    feed.generation++;
    cache.findZone(name("c.example."));
    cache.findZone(name("d.example."));

    cache.findZone(name("e.example."));
    int asked = source.asked.size();
    cache.findZone(name("c.example."));
    cache.findZone(name("d.example."));

    assertThat(source.asked.size())
        .as("c and d, read since the change, are answered from memory")
        .isEqualTo(asked);
    assertThat(cache.size()).as("a and b made room for e").isEqualTo(3);
  }

  @Test
  void aCacheFullOfCurrentEntriesStartsOverAndNeverHoldsMoreThanItsBound() {
    for (int i = 0; i < 100; i++) {
      cache.findZone(name("z" + i + ".example."));
      assertThat(cache.size()).isLessThanOrEqualTo(4);
    }
    assertThat(source.asked).hasSize(100);
  }
}
