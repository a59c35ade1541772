package io.zonecast.central.dnssec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Which names of a zone are authoritative and which RRsets get signatures (RFC 4035 section 2.2):
 * every RRset at an authoritative name, at a delegation point only the DS, and nothing below a
 * delegation (glue) or below a DNAME (occluded, RFC 6672 section 2.4). {@code types} holds every
 * type present at each name, the apex's DNSSEC types included.
 */
final class ZoneShape {

  final Name apex;
  private final TreeMap<Name, Set<Integer>> types = new TreeMap<>();

  ZoneShape(Name apex, Map<Name, ? extends Set<Integer>> types) {
    this.apex = apex.canonicalize();
    types.forEach((name, set) -> this.types.put(name.canonicalize(), new TreeSet<>(set)));
  }

  Set<Integer> types(Name name) {
    return types.getOrDefault(name, Set.of());
  }

  boolean isDelegation(Name name) {
    return !name.equals(apex) && types(name).contains(Type.NS);
  }

  /**
   * Below a delegation point (glue, RFC 4035 section 2.2) or below a DNAME (RFC 6672 section 2.4:
   * the DNAME owner's descendants are occluded, never served): neither signed nor in the chain.
   */
  boolean isOccluded(Name name) {
    for (int strip = 1; strip < name.labels() - apex.labels(); strip++) {
      Name ancestor = new Name(name, strip);
      if (isDelegation(ancestor) || types(ancestor).contains(Type.DNAME)) {
        return true;
      }
    }
    return false;
  }

  /** Names with data the zone is authoritative for, delegation points included, canonical order. */
  List<Name> ownerNames() {
    return types.keySet().stream().filter(n -> n.subdomain(apex) && !isOccluded(n)).toList();
  }

  /** Ancestors of owner names that hold no data themselves (RFC 5155 section 7.1). */
  List<Name> emptyNonTerminals() {
    Set<Name> empty = new TreeSet<>();
    for (Name name : ownerNames()) {
      for (int strip = 1; strip < name.labels() - apex.labels(); strip++) {
        Name ancestor = new Name(name, strip);
        if (!types.containsKey(ancestor)) {
          empty.add(ancestor);
        }
      }
    }
    return new ArrayList<>(empty);
  }

  /** The types an authoritative name's RRSIGs cover: all, at a delegation point only DS. */
  Set<Integer> signedTypes(Name name) {
    if (isDelegation(name)) {
      return types(name).contains(Type.DS) ? Set.of(Type.DS) : Set.of();
    }
    Set<Integer> signed = new TreeSet<>(types(name));
    signed.remove(Type.RRSIG);
    return Collections.unmodifiableSet(signed);
  }

  /** Every RRset that must carry signatures, the chain's own excepted. */
  List<RRsetKey> signedRRsets() {
    List<RRsetKey> keys = new ArrayList<>();
    for (Name name : ownerNames()) {
      signedTypes(name).forEach(type -> keys.add(new RRsetKey(name, type)));
    }
    return keys;
  }

  /** The type bitmap of a name's NSEC3 (RFC 5155 section 3.2.1) or, with {@code own}, NSEC. */
  int[] bitmap(Name name, int own) {
    Set<Integer> bitmap = new TreeSet<>();
    if (isDelegation(name)) {
      bitmap.add(Type.NS);
      if (types(name).contains(Type.DS)) {
        bitmap.add(Type.DS);
        bitmap.add(Type.RRSIG);
      }
    } else {
      bitmap.addAll(types(name));
      if (!bitmap.isEmpty()) {
        bitmap.add(Type.RRSIG);
      }
    }
    if (own == Type.NSEC) {
      bitmap.add(Type.NSEC);
      bitmap.add(Type.RRSIG);
    }
    return bitmap.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public String toString() {
    return apex + " " + Arrays.toString(types.keySet().toArray());
  }
}
