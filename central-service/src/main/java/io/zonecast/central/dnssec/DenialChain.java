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
      chain.add(
          new NSEC3Record(
              owner(hashes.get(i), zone.apex),
              DClass.IN,
              ttl,
              NSEC3Record.SHA1_DIGEST_ID,
              0,
              ITERATIONS,
              SALT,
              next,
              draft.bitmap));
    }
    return chain;
  }

  static List<Record> nsec(ZoneShape zone, long ttl) {
    List<Name> names = zone.ownerNames();
    List<Record> chain = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      Name next = names.get((i + 1) % names.size());
      chain.add(
          new NSECRecord(names.get(i), DClass.IN, ttl, next, zone.bitmap(names.get(i), Type.NSEC)));
    }
    return chain;
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
