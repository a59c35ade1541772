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
 */
@ConfigurationProperties("zonecast.dnssec")
public record DnssecProperties(
    String keyEncryptionKey,
    String keyEncryptionKeyFile,
    @DefaultValue("14d") Duration signatureValidity,
    @DefaultValue("1h") Duration inceptionOffset) {

  public DnssecProperties {
    if (signatureValidity.compareTo(Duration.ofHours(1)) < 0) {
      throw new IllegalArgumentException(
          "zonecast.dnssec.signature-validity must be at least 1h: " + signatureValidity);
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
        + "]";
  }
}
