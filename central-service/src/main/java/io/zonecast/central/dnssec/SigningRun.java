package io.zonecast.central.dnssec;

import java.security.PrivateKey;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/**
 * What one signing of a zone (one change) knows of the zone, shared by all its slices: the SOA at
 * the new serial, the keys and which of them sign, when a signature is due, the RRsets the change
 * touched (re-signed whatever their signatures), and the journal step it writes to.
 */
final class SigningRun {

  final UUID zoneId;
  final Name apex;
  final SOARecord soa;
  final List<ZoneKey> keys;
  final Set<Integer> kskTags;
  final Set<Integer> zskTags;
  final LocalDateTime due;
  final boolean nsec3;

  /** RFC 9077: the TTL of NSEC and NSEC3 records is the lesser of the SOA's TTL and MINIMUM. */
  final long denialTtl;

  final Set<RRsetKey> resign;
  final long step;
  private final Map<UUID, PrivateKey> privateKeys = new HashMap<>();

  SigningRun(
      UUID zoneId,
      Name apex,
      SOARecord soa,
      List<ZoneKey> keys,
      Set<Integer> kskTags,
      Set<Integer> zskTags,
      LocalDateTime due,
      boolean nsec3,
      Set<RRsetKey> resign,
      long step) {
    this.zoneId = zoneId;
    this.apex = apex;
    this.soa = soa;
    this.keys = keys;
    this.kskTags = kskTags;
    this.zskTags = zskTags;
    this.due = due;
    this.nsec3 = nsec3;
    this.denialTtl = Math.min(soa.getTTL(), soa.getMinimum());
    this.resign = resign;
    this.step = step;
  }

  /** The key's private half, decrypted once per signing. */
  PrivateKey privateKey(ZoneKey key, ZoneKeyStore store) {
    return privateKeys.computeIfAbsent(key.id(), id -> store.privateKey(key));
  }
}
