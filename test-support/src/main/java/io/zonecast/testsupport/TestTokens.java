package io.zonecast.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * An identity provider for tests of central's token mode: an RSA key pair whose public half is a
 * PEM file (for {@code spring.security.oauth2.resourceserver.jwt.public-key-location}) and RS256
 * JWTs signed with its private half (RFC 7519; RS256 is RFC 7518 section 3.3). Close it to delete
 * the PEM file.
 */
public final class TestTokens implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final String issuer;
  private final KeyPair keys;
  private final Path publicKey;

  private TestTokens(String issuer, KeyPair keys, Path publicKey) {
    this.issuer = issuer;
    this.keys = keys;
    this.publicKey = publicKey;
  }

  /** A fresh 2048-bit key pair for tokens of {@code issuer}, its public key written to a file. */
  public static TestTokens create(String issuer) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair keys = generator.generateKeyPair();
      Path file = Files.createTempFile("zonecast-test-tokens-", ".pem");
      Files.writeString(
          file,
          "-----BEGIN PUBLIC KEY-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                  .encodeToString(keys.getPublic().getEncoded())
              + "\n-----END PUBLIC KEY-----\n");
      return new TestTokens(issuer, keys, file);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The PEM file's URI, the value of {@code ...jwt.public-key-location}. */
  public String publicKeyLocation() {
    return publicKey.toUri().toString();
  }

  /**
   * The claims zonecast reads (issuer, subject, {@code project_id}, {@code roles}), valid from now
   * for an hour; with {@code audience} when it is not null. A mutable map, for tests that change
   * one.
   */
  public Map<String, Object> claims(String project, List<String> roles, String audience) {
    Instant now = Instant.now();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    if (audience != null) {
      claims.put("aud", audience);
    }
    claims.put("sub", "user-" + project);
    claims.put("project_id", project);
    claims.put("roles", roles);
    claims.put("iat", now.getEpochSecond());
    claims.put("exp", now.plus(Duration.ofHours(1)).getEpochSecond());
    return claims;
  }

  /** A token of {@code project} with {@code roles}, for no audience in particular. */
  public String token(String project, List<String> roles) {
    return sign(claims(project, roles, null));
  }

  /** The compact serialization of a JWT with these claims, signed RS256 with this key. */
  public String sign(Map<String, ?> claims) {
    String signed =
        BASE64URL.encodeToString(
                "{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + BASE64URL.encodeToString(JSON.writeValueAsBytes(claims));
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(keys.getPrivate());
      rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed + "." + BASE64URL.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(publicKey);
  }
}
