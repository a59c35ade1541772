package io.zonecast.central.tsigkey;

import io.zonecast.central.system.ApiException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * What a client sets on a TSIG key, checked as Designate checks it: a name of 1 to 160 characters,
 * one of Designate's algorithms, a non-empty base64 secret of at most 160 characters, scope POOL or
 * ZONE and the UUID of that pool or zone.
 */
record TsigKeyFields(String name, String algorithm, String secret, String scope, UUID resourceId) {

  static final int MAX_NAME = 160;
  static final int MAX_SECRET = 160;
  static final List<String> ALGORITHMS =
      List.of("hmac-md5", "hmac-sha1", "hmac-sha224", "hmac-sha256", "hmac-sha384", "hmac-sha512");
  static final List<String> SCOPES = List.of("POOL", "ZONE");

  TsigKeyFields {
    if (name == null || name.isBlank() || name.length() > MAX_NAME) {
      throw ApiException.invalidObject(
          "'name' must be a string of 1 to " + MAX_NAME + " characters");
    }
    if (!ALGORITHMS.contains(algorithm)) {
      throw ApiException.invalidObject("'algorithm' must be one of " + ALGORITHMS);
    }
    if (secret == null || secret.isEmpty()) {
      throw ApiException.invalidObject("'secret' should not be empty");
    }
    if (secret.length() > MAX_SECRET || !base64(secret)) {
      throw ApiException.invalidObject(
          "'secret' must be base64 (RFC 4648) of at most " + MAX_SECRET + " characters");
    }
    if (!SCOPES.contains(scope)) {
      throw ApiException.invalidObject("'scope' must be one of " + SCOPES);
    }
    if (resourceId == null) {
      throw ApiException.invalidObject("'resource_id' must be a UUID");
    }
  }

  private static boolean base64(String secret) {
    try {
      return Base64.getDecoder().decode(secret).length > 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
