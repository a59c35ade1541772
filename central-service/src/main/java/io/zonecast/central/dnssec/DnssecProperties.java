package io.zonecast.central.dnssec;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * DNSSEC signing settings.
 *
 * @param keyEncryptionKey the AES key (16, 24 or 32 bytes, base64) that encrypts the zones' private
 *     keys in the database; best given by environment ({@code ZONECAST_DNSSEC_KEYENCRYPTIONKEY})
 * @param keyEncryptionKeyFile a file holding that key (base64), used when the key itself is not set
 * @param signatureValidity how long a new signature is valid
 * @param inceptionOffset how far back a signature's inception is put, for clocks behind ours
 * @param signatureRefresh a signature with less than this left is made anew (with any change to its
 *     zone, and by the re-signing job)
 * @param signatureJitter each new signature expires up to this much earlier than the full validity,
 *     at random, so the signatures of a big zone do not all fall due at once
 * @param resignInterval how often the re-signing job looks for signatures due
 * @param resignBatch at most this many zones are re-signed per run of the job
 * @param zskLifetime a ZSK this old is rolled by pre-publication (RFC 6781 section 4.1.1.1)
 * @param propagationDelay how long a change takes to reach every secondary and past every cache
 *     beyond the TTLs (Dprp of RFC 7583); key rollover steps wait TTLs plus this
 * @param parentDsTtl the TTL of the DS RRset at the parent zone (TTLds of RFC 7583): in a KSK
 *     rollover the new KSK goes live this long (plus the propagation delay) after the operator said
 *     the parent publishes its DS
 * @param signingSlice a whole zone is signed (first signing, re-signing, rollover steps, NSEC
 *     zones) this many names at a time, in the change's one transaction: central holds one slice's
 *     records and signatures at once, whatever the zone's size
 */
@ConfigurationProperties("zonecast.dnssec")
public record DnssecProperties(
    String keyEncryptionKey,
    String keyEncryptionKeyFile,
    @DefaultValue("14d") Duration signatureValidity,
    @DefaultValue("1h") Duration inceptionOffset,
    @DefaultValue("5d") Duration signatureRefresh,
    @DefaultValue("1d") Duration signatureJitter,
    @DefaultValue("1h") Duration resignInterval,
    @DefaultValue("100") int resignBatch,
    @DefaultValue("90d") Duration zskLifetime,
    @DefaultValue("1h") Duration propagationDelay,
    @DefaultValue("1d") Duration parentDsTtl,
    @DefaultValue("500") int signingSlice) {

  public DnssecProperties {
    if (signatureValidity.compareTo(Duration.ofHours(1)) < 0) {
      throw new IllegalArgumentException(
          "zonecast.dnssec.signature-validity must be at least 1h: " + signatureValidity);
    }
    if (signatureRefresh.plus(signatureJitter).compareTo(signatureValidity) >= 0
        || signatureJitter.isNegative()
        || signatureRefresh.isNegative()) {
      throw new IllegalArgumentException(
          "zonecast.dnssec.signature-refresh + signature-jitter must be less than"
              + " signature-validity, neither negative: "
              + signatureRefresh
              + " + "
              + signatureJitter
              + " >= "
              + signatureValidity);
    }
    if (propagationDelay.isNegative() || parentDsTtl.isNegative()) {
      throw new IllegalArgumentException(
          "zonecast.dnssec.propagation-delay and parent-ds-ttl must not be negative");
    }
    if (resignBatch < 1 || signingSlice < 1) {
      throw new IllegalArgumentException(
          "zonecast.dnssec.resign-batch and signing-slice must be 1 or more");
    }
  }

  /** Never the key itself, should this record be logged. */
  @Override
  public String toString() {
    return "DnssecProperties[keyEncryptionKey="
        + (keyEncryptionKey == null ? "unset" : "(set)")
        + ", keyEncryptionKeyFile="
        + keyEncryptionKeyFile
        + ", signatureValidity="
        + signatureValidity
        + ", inceptionOffset="
        + inceptionOffset
        + ", signatureRefresh="
        + signatureRefresh
        + ", signatureJitter="
        + signatureJitter
        + ", propagationDelay="
        + propagationDelay
        + ", parentDsTtl="
        + parentDsTtl
        + ", signingSlice="
        + signingSlice
        + "]";
  }
}
