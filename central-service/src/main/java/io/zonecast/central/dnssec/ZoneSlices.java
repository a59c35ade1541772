package io.zonecast.central.dnssec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * A whole zone signed in slices, so that what is held at once does not grow with the zone. Two
 * passes, each reading a bounded page at a time, each page a range of names in the database's order
 * (so that a slice's stored records are read by that range, see {@link NameFilter}):
 *
 * <ol>
 *   <li>{@link #names}: the names with data, a page after another. For each page, the types at its
 *       names and at their ancestors (enough to tell delegations, occluded names and empty
 *       non-terminals, as {@link ZoneShape} does for the whole zone) give the RRsets to sign at
 *       those names and their entries of the denial chain: each owner, and for NSEC3 each empty
 *       non-terminal above it (an empty non-terminal is reached from several pages: the entries are
 *       sets, the sink keeps one).
 *   <li>{@link #chain}: the chain's entries, a page after another by owner name, each with the
 *       entry after it in chain order (hash order for NSEC3, canonical order for NSEC), the last
 *       with the first (the apex for NSEC).
 * </ol>
 *
 * The result is what {@link ZoneShape#signedRRsets} and {@link DenialChain} give for the whole
 * zone.
 */
final class ZoneSlices {

  private ZoneSlices() {}

  /** The zone's names with data, and their types, as read a page at a time. */
  interface ZoneNames {

    /** Up to {@code limit} names with data after {@code after} ("": the first), in one order. */
    List<String> after(String after, int limit);

    /**
     * The types at the names in {@code after < name <= last} and at {@code others} that have data
     * (the SOA's own excepted).
     */
    Map<Name, Set<Integer>> types(String after, String last, Collection<Name> others);
  }

  /** The chain's entries, read a page at a time. */
  interface ChainEntries {

    /**
     * Up to {@code limit} entries whose owner comes after {@code owner} ("": the first) in the
     * order of names {@link ZoneNames} uses, each with the entry after it in chain order (null
     * after the last).
     */
    List<Link> after(String owner, int limit);

    /** The first entry in chain order, null when there is none. */
    ChainEntry first();
  }

  /** An entry of the chain and the one after it in chain order (null: it is the last). */
  record Link(ChainEntry entry, ChainEntry next) {}

  /**
   * One name in the denial chain: {@code key} orders the chain (the NSEC3 hash, or the name's
   * {@link DenialChain#canonicalKey}); {@code owner} is the chain record's owner name.
   */
  record ChainEntry(byte[] key, Name owner, int[] bitmap) {

    @Override
    public boolean equals(Object o) {
      return o instanceof ChainEntry e
          && Arrays.equals(key, e.key)
          && owner.equals(e.owner)
          && Arrays.equals(bitmap, e.bitmap);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
      return owner + " " + Arrays.toString(bitmap);
    }
  }

  /**
   * One page of names, the range {@code after < name <= last} of the names with data: the names
   * read ({@code names}, parsed), the RRsets to sign there and their chain entries.
   */
  record NameSlice(
      String after, String last, List<Name> names, List<RRsetKey> signed, List<ChainEntry> chain) {}

  /** One page of the chain: its records, owned by the names in {@code after < name <= last}. */
  record ChainSlice(String after, String last, List<Record> records) {}

  /**
   * Pass 1: the zone's names, {@code size} at a time. {@code apexTypes} are the types at the apex
   * besides its recordsets' (SOA, DNSKEY, CDS, CDNSKEY, NSEC3PARAM): they are in its bitmap.
   * Returns the last name read ("" if none).
   */
  static String names(
      Name apex,
      ZoneNames source,
      int size,
      Set<Integer> apexTypes,
      boolean nsec3,
      Consumer<NameSlice> each) {
    Name zone = apex.canonicalize();
    String after = "";
    while (true) {
      List<String> page = source.after(after, size);
      if (page.isEmpty()) {
        return after;
      }
      String last = page.getLast();
      List<Name> names = new ArrayList<>();
      Set<Name> ancestors = new LinkedHashSet<>();
      for (String text : page) {
        Name name = ZoneSigner.name(text).canonicalize();
        if (!name.subdomain(zone)) {
          continue;
        }
        names.add(name);
        for (int strip = 1; strip < name.labels() - zone.labels(); strip++) {
          ancestors.add(new Name(name, strip));
        }
      }
      ancestors.removeAll(names);
      Map<Name, Set<Integer>> types = new HashMap<>(source.types(after, last, ancestors));
      if (names.contains(zone)) {
        Set<Integer> atApex = new TreeSet<>(types.getOrDefault(zone, Set.of()));
        atApex.addAll(apexTypes);
        types.put(zone, atApex);
      }
      ZoneShape shape = new ZoneShape(zone, types);
      List<RRsetKey> signed = new ArrayList<>();
      List<ChainEntry> chain = new ArrayList<>();
      for (Name name : names) {
        if (shape.types(name).isEmpty() || shape.isOccluded(name)) {
          continue;
        }
        shape.signedTypes(name).forEach(type -> signed.add(new RRsetKey(name, type)));
        chain.add(entry(zone, shape, name, nsec3));
      }
      if (nsec3) {
        // RFC 5155 section 7.1: empty non-terminals get an NSEC3; NSEC chains skip them
        for (Name empty : shape.emptyNonTerminals()) {
          chain.add(entry(zone, shape, empty, true));
        }
      }
      each.accept(new NameSlice(after, last, List.copyOf(names), signed, chain));
      after = last;
      if (page.size() < size) {
        return after;
      }
    }
  }

  private static ChainEntry entry(Name apex, ZoneShape shape, Name name, boolean nsec3) {
    if (nsec3) {
      byte[] hash = DenialChain.hash(apex, name);
      return new ChainEntry(
          hash, DenialChain.hashedOwner(hash, apex), shape.bitmap(name, Type.NSEC3));
    }
    return new ChainEntry(DenialChain.canonicalKey(name), name, shape.bitmap(name, Type.NSEC));
  }

  /**
   * Pass 2: the chain's records, at most {@code size} at a time; each links to the next entry, the
   * last to the first (RFC 4034 section 4.1.1, RFC 5155 section 3.1.7). Returns the last owner read
   * ("" if none).
   */
  static String chain(
      ChainEntries source, int size, long ttl, boolean nsec3, Consumer<ChainSlice> each) {
    ChainEntry first = source.first();
    String after = "";
    if (first == null) {
      return after;
    }
    while (true) {
      List<Link> page = source.after(after, size);
      if (page.isEmpty()) {
        return after;
      }
      List<Record> records = new ArrayList<>(page.size());
      for (Link link : page) {
        ChainEntry entry = link.entry();
        ChainEntry next = link.next() != null ? link.next() : first;
        records.add(
            nsec3
                ? DenialChain.nsec3Record(entry.owner(), next.key(), entry.bitmap(), ttl)
                : DenialChain.nsecRecord(entry.owner(), next.owner(), entry.bitmap(), ttl));
      }
      String last = page.getLast().entry().owner().toString();
      each.accept(new ChainSlice(after, last, records));
      after = last;
      if (page.size() < size) {
        return after;
      }
    }
  }
}
