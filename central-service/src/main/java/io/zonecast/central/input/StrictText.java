package io.zonecast.central.input;

import io.zonecast.central.system.ApiException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text is taken exactly or refused, never silently changed: PostgreSQL cannot store U+0000 in a
 * text column, and a UTF-16 surrogate without its pair has no UTF-8 form (the driver would write
 * {@code ?}). Malformed UTF-8 is refused rather than replaced by U+FFFD.
 */
public final class StrictText {

  private StrictText() {}

  /** Why {@code value} cannot be stored as it is, or null when it can. */
  static String problem(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        return "contains U+0000 (NUL), which cannot be stored";
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "contains a lone UTF-16 surrogate (U+"
            + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
            + "), which is not a character";
      }
    }
    return null;
  }

  /** 400 invalid_object naming {@code what} when {@code value} cannot be stored as it is. */
  public static String check(String what, String value) {
    if (value != null) {
      String problem = problem(value);
      if (problem != null) {
        throw ApiException.invalidObject(what + " " + problem);
      }
    }
    return value;
  }

  /** The bytes as UTF-8, or 400 when they are not UTF-8 or hold what {@link #check} refuses. */
  public static String utf8(String what, byte[] bytes, int length) {
    String text = decode(bytes, length);
    if (text == null) {
      throw ApiException.badRequest("bad_request", what + " is not valid UTF-8");
    }
    return check(what, text);
  }

  /** The bytes as UTF-8, or null when they are not (surrogates encoded alone included). */
  static String decode(byte[] bytes, int length) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, length))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
