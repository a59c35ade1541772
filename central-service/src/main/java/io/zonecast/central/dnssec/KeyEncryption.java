package io.zonecast.central.dnssec;

import io.zonecast.central.system.ApiException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Encrypts the zones' private keys with AES-GCM (NIST SP 800-38D) under the installation's
 * key-encryption key: a random 96-bit nonce per key, stored before the ciphertext, and the key's id
 * as associated data, so a ciphertext copied to another key's row does not decrypt. Without a
 * configured key nothing can be signed, and enabling DNSSEC is refused.
 */
@Component
public class KeyEncryption {

  private static final Logger log = LoggerFactory.getLogger(KeyEncryption.class);
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final Optional<SecretKey> key;
  private final SecureRandom random = new SecureRandom();

  KeyEncryption(DnssecProperties properties) {
    this.key = load(properties);
    if (key.isEmpty()) {
      log.info(
          "DNSSEC signing is off: neither zonecast.dnssec.key-encryption-key nor"
              + " zonecast.dnssec.key-encryption-key-file is set");
    }
  }

  static Optional<SecretKey> load(DnssecProperties properties) {
    String text = properties.keyEncryptionKey();
    String source = "zonecast.dnssec.key-encryption-key";
    if ((text == null || text.isBlank()) && properties.keyEncryptionKeyFile() != null) {
      source = "zonecast.dnssec.key-encryption-key-file " + properties.keyEncryptionKeyFile();
      try {
        text = Files.readString(Path.of(properties.keyEncryptionKeyFile()), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + source + ": " + e.getMessage(), e);
      }
    }
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(source + " is not base64 (its value is not shown)");
    }
    if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
      throw new IllegalStateException(
          source + " must be an AES key of 16, 24 or 32 bytes, base64; it has " + bytes.length);
    }
    return Optional.of(new SecretKeySpec(bytes, "AES"));
  }

  public boolean available() {
    return key.isPresent();
  }

  /** The key-encryption key, or the error an API call that needs it answers with. */
  private SecretKey requireKey() {
    return key.orElseThrow(() ->
        new ApiException(
            HttpStatus.SERVICE_UNAVAILABLE,
            "dnssec_not_configured",
            "DNSSEC signing is not configured on this installation: the operator must set"
                + " zonecast.dnssec.key-encryption-key (or -file) on every central instance"));
  }

  byte[] encrypt(UUID keyId, byte[] plain) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, requireKey(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(keyId.toString().getBytes(StandardCharsets.US_ASCII));
      byte[] sealed = cipher.doFinal(plain);
      return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  byte[] decrypt(UUID keyId, byte[] stored) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          requireKey(),
          new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
      cipher.updateAAD(keyId.toString().getBytes(StandardCharsets.US_ASCII));
      return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "the private key "
              + keyId
              + " does not decrypt with the configured key-encryption key (another key, or the"
              + " stored key was altered)",
          e);
    }
  }
}
