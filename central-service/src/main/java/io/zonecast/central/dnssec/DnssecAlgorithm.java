package io.zonecast.central.dnssec;

import io.zonecast.central.system.ApiException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Locale;
import org.xbill.DNS.DNSSEC;

/** The signing algorithms zonecast offers (RFC 8624 recommends both for signing). */
public enum DnssecAlgorithm {
  /** RFC 6605. */
  ECDSAP256SHA256(DNSSEC.Algorithm.ECDSAP256SHA256, "EC"),
  /** RFC 8080. */
  ED25519(DNSSEC.Algorithm.ED25519, "Ed25519");

  private final int number;
  private final String jca;

  DnssecAlgorithm(int number, String jca) {
    this.number = number;
    this.jca = jca;
  }

  public int number() {
    return number;
  }

  static DnssecAlgorithm of(int number) {
    return Arrays.stream(values())
        .filter(a -> a.number == number)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("unknown DNSSEC algorithm " + number));
  }

  /** The API's name ({@code ECDSAP256SHA256}) or number ({@code 13}). */
  static DnssecAlgorithm parse(String text) {
    String wanted = text.strip().toUpperCase(Locale.ROOT);
    for (DnssecAlgorithm algorithm : values()) {
      if (algorithm.name().equals(wanted) || String.valueOf(algorithm.number).equals(wanted)) {
        return algorithm;
      }
    }
    throw ApiException.invalidObject(
        "algorithm must be ECDSAP256SHA256 (13) or ED25519 (15), not " + text);
  }

  KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(jca);
      if (this == ECDSAP256SHA256) {
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate " + this + " keys", e);
    }
  }

  PrivateKey privateKey(byte[] pkcs8) {
    try {
      return KeyFactory.getInstance(jca).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a stored " + this + " private key is unusable", e);
    }
  }
}
