package io.zonecast.central.dnssec;

import java.time.LocalDateTime;
import java.util.UUID;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;

/**
 * One key of a zone, without its private half. zonecast uses a KSK (flags 257, SEP) that signs the
 * DNSKEY, CDS and CDNSKEY RRsets and whose DS goes to the parent, and a ZSK (flags 256) that signs
 * everything else (RFC 6781 section 3.1), so the ZSK can roll without the parent.
 */
public record ZoneKey(
    UUID id,
    UUID zoneId,
    Role role,
    DnssecAlgorithm algorithm,
    int keyTag,
    DNSKEYRecord dnskey,
    String state,
    LocalDateTime createdAt,
    LocalDateTime publishedAt,
    LocalDateTime activeAt,
    LocalDateTime retireAt,
    LocalDateTime removeAt,
    LocalDateTime dsPublishedAt) {

  /** A new KSK of a double-DS rollover: its DS goes to the parent first, the key is not served. */
  static final String DS_PENDING = "DS_PENDING";

  /** In the DNSKEY set, not signing yet (a ZSK's pre-publication). */
  static final String PUBLISHED = "PUBLISHED";

  static final String ACTIVE = "ACTIVE";

  /**
   * No longer signing. A retired ZSK stays in the DNSKEY set until {@code removeAt} (its signatures
   * may still be cached); a retired KSK left the DNSKEY set at once (the double-DS swap) and only
   * its DS stays wanted at the parent until {@code removeAt}.
   */
  static final String RETIRED = "RETIRED";

  boolean signs() {
    return ACTIVE.equals(state);
  }

  /** Served in the zone's DNSKEY RRset. */
  boolean inDnskeySet() {
    return role == Role.ZSK || ACTIVE.equals(state);
  }

  /**
   * Its DS belongs at the parent (in the API's {@code ds} and the zone's CDS/CDNSKEY): every KSK
   * until it is removed, so during a double-DS rollover both the old and the new one.
   */
  boolean dsWanted() {
    return role == Role.KSK;
  }

  public enum Role {
    KSK(257),
    ZSK(256);

    final int flags;

    Role(int flags) {
      this.flags = flags;
    }
  }

  /** The DS for the parent: SHA-256 digest (RFC 4509), as {@code <tag> <alg> 2 <hex>}. */
  String ds() {
    return new DSRecord(dnskey.getName(), dnskey.getDClass(), 0, DSRecord.SHA256_DIGEST_ID, dnskey)
        .rdataToString();
  }
}
