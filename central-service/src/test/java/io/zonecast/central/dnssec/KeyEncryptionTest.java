package io.zonecast.central.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonecast.central.system.ApiException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyEncryptionTest {

  static final String KEK = Base64.getEncoder().encodeToString(new byte[32]);
  static final String OTHER_KEK =
      Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

  static KeyEncryption with(String key, String file) {
    return new KeyEncryption(
        new DnssecProperties(
            key,
            file,
            Duration.ofDays(14),
            Duration.ofHours(1),
            Duration.ofDays(5),
            Duration.ofDays(1),
            Duration.ofHours(1),
            100,
            Duration.ofDays(90),
            Duration.ofHours(1),
            Duration.ofDays(1),
            500));
  }

  @Test
  void aKeyEncryptedForOneIdDecryptsForItOnly() {
    KeyEncryption encryption = with(KEK, null);
    UUID id = UUID.randomUUID();
    byte[] secret = "private key".getBytes(StandardCharsets.UTF_8);

    byte[] sealed = encryption.encrypt(id, secret);

    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("private key");
    assertThat(encryption.decrypt(id, sealed)).isEqualTo(secret);
    assertThatThrownBy(() -> encryption.decrypt(UUID.randomUUID(), sealed))
        .hasMessageContaining("does not decrypt");
    assertThatThrownBy(() -> with(OTHER_KEK, null).decrypt(id, sealed))
        .hasMessageContaining("does not decrypt");
    // a fresh nonce each time
    assertThat(encryption.encrypt(id, secret)).isNotEqualTo(sealed);
  }

  @Test
  void theKeyCanComeFromAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("kek");
    Files.writeString(file, KEK + "\n");
    UUID id = UUID.randomUUID();

    byte[] sealed = with(null, file.toString()).encrypt(id, new byte[] {1, 2, 3});

    assertThat(with(KEK, null).decrypt(id, sealed)).containsExactly(1, 2, 3);
  }

  @Test
  void withoutAKeyNothingIsEncryptedAndTheErrorSaysWhatToSet() {
    KeyEncryption none = with(null, null);

    assertThat(none.available()).isFalse();
    assertThatThrownBy(() -> none.encrypt(UUID.randomUUID(), new byte[1]))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("zonecast.dnssec.key-encryption-key");
  }

  @Test
  void aKeyOfTheWrongSizeIsRefusedWithoutShowingIt() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[10]);

    assertThatThrownBy(() -> with(shortKey, null))
        .hasMessageContaining("16, 24 or 32 bytes")
        .hasMessageNotContaining(shortKey);
  }
}
