package io.zonecast.central.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

class ZoneSlicesTest {

  static final Name APEX = n("example.");
  static final Set<Integer> APEX_TYPES = Set.of(Type.SOA, Type.DNSKEY, Type.NSEC3PARAM);

  static Name n(String text) {
    return ZoneSigner.name(text);
  }

  /**
   * A zone with what makes slicing hard: empty non-terminals reached from several names, a
   * delegation with glue, an insecure delegation, a DNAME with names below it, a wildcard, and
   * enough plain names that small slices cut through all of them.
   */
  static Map<Name, Set<Integer>> zone() {
    Map<Name, Set<Integer>> types = new LinkedHashMap<>();
    types.put(APEX, Set.of(Type.NS));
    types.put(n("www.example."), Set.of(Type.A, Type.AAAA));
    types.put(n("a.b.c.example."), Set.of(Type.TXT));
    types.put(n("d.b.c.example."), Set.of(Type.TXT));
    types.put(n("e.c.example."), Set.of(Type.A));
    types.put(n("sub.example."), Set.of(Type.NS, Type.DS));
    types.put(n("ns.sub.example."), Set.of(Type.A));
    types.put(n("deep.ns.sub.example."), Set.of(Type.A));
    types.put(n("insecure.example."), Set.of(Type.NS));
    types.put(n("old.example."), Set.of(Type.DNAME, Type.TXT));
    types.put(n("www.old.example."), Set.of(Type.A));
    types.put(n("*.wild.example."), Set.of(Type.MX));
    types.put(n("x.y.z.deep.example."), Set.of(Type.A));
    for (int i = 0; i < 20; i++) {
      types.put(n("h" + i + ".example."), Set.of(Type.A));
      types.put(n("t" + i + ".m" + (i % 3) + ".example."), Set.of(Type.TXT));
    }
    return types;
  }

  /** The zone's names as the database lists them: by their text, names with data only. */
  record InMemoryNames(Map<Name, Set<Integer>> zone, List<Integer> pages)
      implements ZoneSlices.ZoneNames {

    InMemoryNames(Map<Name, Set<Integer>> zone) {
      this(zone, new ArrayList<>());
    }

    @Override
    public List<String> after(String after, int limit) {
      List<String> page =
          zone.keySet().stream()
              .map(Name::toString)
              .sorted()
              .filter(t -> t.compareTo(after) > 0)
              .limit(limit)
              .toList();
      pages.add(page.size());
      return page;
    }

    @Override
    public Map<Name, Set<Integer>> types(String after, String last, Collection<Name> others) {
      Map<Name, Set<Integer>> types = new HashMap<>();
      zone.forEach((name, set) -> {
        String text = name.toString();
        if ((text.compareTo(after) > 0 && text.compareTo(last) <= 0) || others.contains(name)) {
          types.put(name, set);
        }
      });
      return types;
    }
  }

  /**
   * The chain's entries as the temporary table keeps them: one per key; read by owner name, each
   * with the entry after it by unsigned key.
   */
  static final class InMemoryChain implements ZoneSlices.ChainEntries {
    final TreeMap<byte[], ZoneSlices.ChainEntry> entries = new TreeMap<>(Arrays::compareUnsigned);

    void add(ZoneSlices.ChainEntry entry) {
      ZoneSlices.ChainEntry before = entries.putIfAbsent(entry.key(), entry);
      assertThat(before == null || before.equals(entry))
          .as("an entry reached from two slices is the same: %s", entry)
          .isTrue();
    }

    @Override
    public List<ZoneSlices.Link> after(String owner, int limit) {
      return entries.values().stream()
          .filter(e -> e.owner().toString().compareTo(owner) > 0)
          .sorted(Comparator.comparing(e -> e.owner().toString()))
          .limit(limit)
          .map(e -> {
            Map.Entry<byte[], ZoneSlices.ChainEntry> next = entries.higherEntry(e.key());
            return new ZoneSlices.Link(e, next == null ? null : next.getValue());
          })
          .toList();
    }

    @Override
    public ZoneSlices.ChainEntry first() {
      return entries.isEmpty() ? null : entries.firstEntry().getValue();
    }
  }

  /** What the slices of both passes gave, with their sizes. */
  record Sliced(
      List<RRsetKey> signed,
      List<String> chain,
      List<Integer> nameSlices,
      List<List<Record>> chainSlices) {}

  static Sliced slice(Map<Name, Set<Integer>> zone, int size, boolean nsec3) {
    List<RRsetKey> signed = new ArrayList<>();
    List<Integer> nameSlices = new ArrayList<>();
    InMemoryChain chain = new InMemoryChain();
    ZoneSlices.names(
        APEX,
        new InMemoryNames(zone),
        size,
        APEX_TYPES,
        nsec3,
        slice -> {
          nameSlices.add(slice.names().size());
          signed.addAll(slice.signed());
          slice.chain().forEach(chain::add);
        });
    List<List<Record>> chainSlices = new ArrayList<>();
    ZoneSlices.chain(chain, size, 300, nsec3, slice -> chainSlices.add(slice.records()));
    return new Sliced(
        signed,
        chainSlices.stream().flatMap(List::stream).map(Record::toString).toList(),
        nameSlices,
        chainSlices);
  }

  /** The whole zone at once, as signing did before slices. */
  static ZoneShape whole(Map<Name, Set<Integer>> zone) {
    Map<Name, Set<Integer>> types = new HashMap<>(zone);
    Set<Integer> apex = new TreeSet<>(zone.getOrDefault(APEX, Set.of()));
    apex.addAll(APEX_TYPES);
    types.put(APEX, apex);
    return new ZoneShape(APEX, types);
  }

  @ParameterizedTest(name = "slices of {0}, nsec3 {1}")
  @CsvSource({
    "1, true",
    "2, true",
    "3, true",
    "7, true",
    "52, true",
    "53, true",
    "54, true",
    "1000, true",
    "1, false",
    "2, false",
    "3, false",
    "7, false",
    "52, false",
    "53, false",
    "54, false",
    "1000, false"
  })
  void slicesSignAndChainExactlyWhatTheWholeZoneDoes(int size, boolean nsec3) {
    Map<Name, Set<Integer>> zone = zone();
    assertThat(zone).hasSize(53);
    ZoneShape whole = whole(zone);
    List<String> chain =
        (nsec3 ? DenialChain.nsec3(whole, 300) : DenialChain.nsec(whole, 300))
            .stream().map(Record::toString).toList();

    Sliced sliced = slice(zone, size, nsec3);

    assertThat(sliced.signed()).doesNotHaveDuplicates();
    assertThat(sliced.signed()).containsExactlyInAnyOrderElementsOf(whole.signedRRsets());
    assertThat(sliced.chain()).containsExactlyInAnyOrderElementsOf(chain);
    assertThat(sliced.nameSlices()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(size));
    assertThat(sliced.chainSlices()).allSatisfy(s -> assertThat(s).hasSizeLessThanOrEqualTo(size));
  }

  @Test
  void theNsecChainRunsThroughEveryOwnerAcrossSlicesAndBackToTheApex() {
    Sliced sliced = slice(zone(), 4, false);

    assertThat(sliced.chainSlices()).hasSizeGreaterThan(2);
    Map<Name, NSECRecord> byOwner = new HashMap<>();
    sliced.chainSlices().stream()
        .flatMap(List::stream)
        .forEach(r -> byOwner.put(r.getName(), (NSECRecord) r));
    List<Name> walked = new ArrayList<>();
    Name at = APEX;
    do {
      walked.add(at);
      at = byOwner.get(at).getNext();
    } while (!at.equals(APEX) && walked.size() <= byOwner.size());
    assertThat(walked).doesNotHaveDuplicates().hasSize(byOwner.size());
    assertThat(walked).isSortedAccordingTo(Name::compareTo);
  }

  @Test
  void aZoneSmallerThanOneSliceIsOneSliceOfEachPass() {
    Map<Name, Set<Integer>> zone = new LinkedHashMap<>();
    zone.put(APEX, Set.of(Type.NS));
    zone.put(n("www.example."), Set.of(Type.A));
    zone.put(n("a.b.example."), Set.of(Type.A));
    InMemoryNames names = new InMemoryNames(zone);
    List<ZoneSlices.NameSlice> slices = new ArrayList<>();
    ZoneSlices.names(APEX, names, 10, APEX_TYPES, true, slices::add);

    assertThat(slices).hasSize(1);
    assertThat(names.pages()).containsExactly(3); // a short page is the last: no second read
    Sliced sliced = slice(zone, 10, true);
    assertThat(sliced.chainSlices()).hasSize(1);
    assertThat(sliced.chain())
        .containsExactlyInAnyOrderElementsOf(
            DenialChain.nsec3(whole(zone), 300).stream().map(Record::toString).toList());
  }

  @Test
  void exactlyOneSliceOfNamesAndOneOfChainEntries() {
    Map<Name, Set<Integer>> zone = new LinkedHashMap<>();
    zone.put(APEX, Set.of(Type.NS));
    zone.put(n("www.example."), Set.of(Type.A));
    zone.put(n("mail.example."), Set.of(Type.MX));
    InMemoryNames names = new InMemoryNames(zone);
    List<ZoneSlices.NameSlice> slices = new ArrayList<>();
    ZoneSlices.names(APEX, names, 3, APEX_TYPES, false, slices::add);

    assertThat(slices).hasSize(1);
    assertThat(slices.getFirst().names()).hasSize(3);
    assertThat(names.pages()).containsExactly(3, 0); // a full page may have more after it
    Sliced sliced = slice(zone, 3, false);
    assertThat(sliced.chainSlices()).hasSize(1);
    assertThat(sliced.chain())
        .containsExactlyInAnyOrderElementsOf(
            DenialChain.nsec(whole(zone), 300).stream().map(Record::toString).toList());
  }

  @Test
  void anEmptyNonTerminalReachedFromTwoSlicesIsChainedOnce() {
    Map<Name, Set<Integer>> zone = new LinkedHashMap<>();
    zone.put(APEX, Set.of(Type.NS));
    zone.put(n("a.shared.example."), Set.of(Type.A));
    zone.put(n("b.shared.example."), Set.of(Type.A));
    zone.put(n("c.shared.example."), Set.of(Type.A));

    Sliced sliced = slice(zone, 1, true);

    assertThat(sliced.nameSlices()).containsExactly(1, 1, 1, 1);
    // the apex, three names and the empty non-terminal shared.example.
    assertThat(sliced.chain()).hasSize(5).doesNotHaveDuplicates();
  }

  @Test
  void canonicalKeysSortAsRfc4034Section61Orders() {
    // the example list of RFC 4034 section 6.1, in canonical order
    List<Name> ordered =
        List.of(
            n("example."),
            n("a.example."),
            n("yljkjljk.a.example."),
            n("Z.a.example."),
            n("zABC.a.EXAMPLE."),
            n("z.example."),
            n("\\001.z.example."),
            n("*.z.example."),
            n("\\200.z.example."));
    List<Name> shuffled = new ArrayList<>(ordered.reversed());
    shuffled.sort(
        (a, b) -> Arrays.compareUnsigned(DenialChain.canonicalKey(a), DenialChain.canonicalKey(b)));

    assertThat(shuffled).containsExactlyElementsOf(ordered);
  }
}
