package io.zonecast.minidns.tsig;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;

/** Checks the TSIG record of a request against the key of that name (RFC 8945 section 5.2). */
@Component
public class RequestVerifier {

  private final ZoneKeys keys;
  private final Clock clock;

  public RequestVerifier(ZoneKeys keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /** {@code wire} is the request as received: the MAC covers those bytes. */
  public RequestSignature verify(Message query, byte[] wire) {
    TSIGRecord tsig = query.getTSIG();
    if (tsig == null) {
      return RequestSignature.UNSIGNED;
    }
    Optional<TSIG> key = keys.named(tsig.getName());
    if (key.isEmpty()) {
      return new RequestSignature(null, tsig, Rcode.BADKEY, clock.instant());
    }
    Instant now = clock.instant();
    return new RequestSignature(key.get(), tsig, key.get().verify(query, wire, null), now);
  }

  /**
   * Whether a request for a zone requiring {@code required} may be answered: unsigned it is
   * refused, signed with another key it gets BADKEY.
   */
  public static ZoneAccess access(Optional<ZoneKey> required, RequestSignature signature) {
    if (required.isEmpty()) {
      return ZoneAccess.ALLOWED;
    }
    if (!signature.signed()) {
      return ZoneAccess.UNSIGNED;
    }
    ZoneKey key = required.get();
    return key.usable() && key.name().equals(signature.keyName())
        ? ZoneAccess.ALLOWED
        : ZoneAccess.WRONG_KEY;
  }

  public enum ZoneAccess {
    ALLOWED,
    UNSIGNED,
    WRONG_KEY
  }
}
