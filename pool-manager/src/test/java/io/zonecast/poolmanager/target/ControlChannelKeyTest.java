package io.zonecast.poolmanager.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlChannelKeyTest {

  @TempDir Path dir;

  Path file(String text) throws IOException {
    return Files.writeString(dir.resolve("rndc.key"), text);
  }

  @Test
  void readsTheKeyRndcConfgenWrites() throws Exception {
    var key =
        ControlChannel.Key.read(
                file(
                    "key \"rndc-key\" {\n\talgorithm hmac-sha256;\n"
                        + "\tsecret \"rzZI5Ueetzvri1goZylOwGc7HZQBBeSjYbSuNjmMnbg=\";\n};\n"))
            .orElseThrow();
    assertThat(key.name()).isEqualTo("rndc-key");
    assertThat(key.code()).isEqualTo(163);
    assertThat(key.macName()).isEqualTo("HmacSHA256");
    assertThat(key.secret()).hasSize(32);
  }

  @Test
  void anHmacMd5KeyIsLeftToTheRndcProgram() throws Exception {
    assertThat(
            ControlChannel.Key.read(
                file("key k { algorithm hmac-md5; secret \"c2VjcmV0c2VjcmV0\"; };")))
        .isEmpty();
  }

  @Test
  void aFileWithoutAUsableKeyIsAClearError() throws Exception {
    assertThatThrownBy(() -> ControlChannel.Key.read(file("options { };")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no key clause");
    assertThatThrownBy(() ->
            ControlChannel.Key.read(
                file("key k { algorithm hmac-sha256; secret \"not base64!\"; };")))
        .hasMessageContaining("not base64");
  }
}
