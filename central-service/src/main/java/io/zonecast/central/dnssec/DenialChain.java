package io.zonecast.central.dnssec;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base32;

/**
 * The authenticated denial of existence chain of a zone: NSEC (RFC 4034 section 4) or NSEC3 (RFC
 * 5155) with the settings of RFC 9276 (SHA-1, no extra iterations, empty salt, no opt-out). Hashing
 * is dnsjava's. The chain is built whole from the zone's names; the caller stores only what differs
 * from the stored chain, so a change touches its own name and its neighbours only.
 */
final class DenialChain {

  static final int ITERATIONS = 0;
  static final byte[] SALT = new byte[0];
  private static final base32 BASE32HEX = new base32(base32.Alphabet.BASE32HEX, false, true);

  private DenialChain() {}

  static NSEC3PARAMRecord nsec3param(Name apex) {
    return new NSEC3PARAMRecord(
        apex, DClass.IN, 0, NSEC3Record.SHA1_DIGEST_ID, 0, ITERATIONS, SALT);
  }

  static List<Record> nsec3(ZoneShape zone, long ttl) {
    NSEC3PARAMRecord param = nsec3param(zone.apex);
    TreeMap<String, NSEC3Draft> byHash = new TreeMap<>();
    List<Name> names = new ArrayList<>(zone.ownerNames());
    names.addAll(zone.emptyNonTerminals());
    for (Name name : names) {
      byte[] hash;
      try {
        hash = param.hashName(name);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-1 is not available", e);
      }
      byHash.put(BASE32HEX.toString(hash), new NSEC3Draft(hash, zone.bitmap(name, Type.NSEC3)));
    }
    List<Record> chain = new ArrayList<>();
    List<String> hashes = new ArrayList<>(byHash.keySet());
    for (int i = 0; i < hashes.size(); i++) {
      NSEC3Draft draft = byHash.get(hashes.get(i));
      byte[] next = byHash.get(hashes.get((i + 1) % hashes.size())).hash;
      chain.add(nsec3Record(owner(hashes.get(i), zone.apex), next, draft.bitmap, ttl));
    }
    return chain;
  }

  /** The NSEC3 of the hashed owner {@code owner}, linking to the hash {@code next}. */
  static NSEC3Record nsec3Record(Name owner, byte[] next, int[] bitmap, long ttl) {
    return new NSEC3Record(
        owner, DClass.IN, ttl, NSEC3Record.SHA1_DIGEST_ID, 0, ITERATIONS, SALT, next, bitmap);
  }

  /** The NSEC3 hash of {@code name} in the zone {@code apex} (RFC 5155 section 5). */
  static byte[] hash(Name apex, Name name) {
    try {
      return nsec3param(apex).hashName(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is not available", e);
    }
  }

  /** The owner name of the NSEC3 of {@code hash} in the zone {@code apex}. */
  static Name hashedOwner(byte[] hash, Name apex) {
    return owner(BASE32HEX.toString(hash), apex);
  }

  /**
   * Bytes whose unsigned order is the canonical order of names (RFC 4034 section 6.1): the labels
   * from the root down, lower-cased, each octet preceded by 1 and each label ended by 0, so that a
   * label sorts before every longer label it begins and a name before its descendants.
   */
  static byte[] canonicalKey(Name name) {
    Name lower = name.canonicalize();
    java.io.ByteArrayOutputStream key = new java.io.ByteArrayOutputStream();
    for (int i = lower.labels() - 1; i >= 0; i--) {
      byte[] label = lower.getLabel(i);
      for (int j = 1; j < label.length; j++) {
        key.write(1);
        key.write(label[j]);
      }
      if (label.length > 1) {
        key.write(0);
      }
    }
    return key.toByteArray();
  }

  static List<Record> nsec(ZoneShape zone, long ttl) {
    List<Name> names = zone.ownerNames();
    List<Record> chain = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      Name next = names.get((i + 1) % names.size());
      chain.add(nsecRecord(names.get(i), next, zone.bitmap(names.get(i), Type.NSEC), ttl));
    }
    return chain;
  }

  static NSECRecord nsecRecord(Name owner, Name next, int[] bitmap, long ttl) {
    return new NSECRecord(owner, DClass.IN, ttl, next, bitmap);
  }

  private static Name owner(String hash, Name apex) {
    try {
      return Name.concatenate(Name.fromString(hash), apex);
    } catch (TextParseException | org.xbill.DNS.NameTooLongException e) {
      throw new IllegalStateException("cannot name the NSEC3 of " + hash + " in " + apex, e);
    }
  }

  private record NSEC3Draft(byte[] hash, int[] bitmap) {
    @Override
    public boolean equals(Object o) {
      return o instanceof NSEC3Draft d
          && Arrays.equals(hash, d.hash)
          && Arrays.equals(bitmap, d.bitmap);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
      return BASE32HEX.toString(hash);
    }
  }
}
