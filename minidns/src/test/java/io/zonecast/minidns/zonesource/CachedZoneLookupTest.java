package io.zonecast.minidns.zonesource;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

class CachedZoneLookupTest {

  /** Knows no zone; counts the names it was asked for and runs {@link #duringRead} on each. */
  static final class Counting implements ZoneSource {
    final List<Name> asked = new ArrayList<>();
    Runnable duringRead = () -> {};

    @Override
    public Optional<ZoneHead> findZone(Name name) {
      asked.add(name);
      duringRead.run();
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

  final CachingLookups.ListeningFeed feed = new CachingLookups.ListeningFeed();
  final Counting source = new Counting();
  final CachedZoneLookup cache = CachingLookups.keeping(source, feed, 4);

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

  @Test
  void forgettingAZoneRereadsItsApexAndTheNamesBelowItAndKeepsOtherZonesAnswers() {
    cache.findZone(name("a.example."));
    cache.findZone(name("www.a.example."));
    cache.findZone(name("b.example."));
    cache.findZone(name("ba.example."));

    cache.forget(name("a.example."));
    source.asked.clear();
    cache.findZone(name("a.example."));
    cache.findZone(name("www.a.example."));
    cache.findZone(name("b.example."));
    cache.findZone(name("ba.example."));

    assertThat(source.asked).containsExactly(name("a.example."), name("www.a.example."));
  }

  @Test
  void anAnswerReadWhileAZoneIsForgottenIsNotKept() {
    // the NOTIFY's forget lands while the answer is being read: it may be from before the change
    source.duringRead = () -> cache.forget(name("a.example."));
    cache.findZone(name("www.a.example."));
    source.duringRead = () -> {};

    cache.findZone(name("www.a.example."));

    assertThat(source.asked).hasSize(2);
  }
}
