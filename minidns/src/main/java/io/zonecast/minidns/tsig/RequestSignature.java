package io.zonecast.minidns.tsig;

import io.zonecast.minidns.protocol.Responses;
import java.time.Instant;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;

/**
 * What the TSIG record of a request (RFC 8945) showed: none, a valid signature by a known key, or
 * an error (BADKEY, BADSIG, BADTIME, FORMERR). The answer to a validly signed request is signed
 * with the same key; every message of a multi-message transfer is signed, chained to the one before
 * (section 5.3.1).
 */
public final class RequestSignature {

  public static final RequestSignature UNSIGNED =
      new RequestSignature(null, null, Rcode.NOERROR, null);

  private static final int MESSAGE_LIMIT = 65_535;

  private final TSIG key;
  private final TSIGRecord requestTsig;
  private final int error;
  private final Instant checkedAt;

  /** {@code checkedAt}: our time when the request was checked, told back in a BADTIME. */
  RequestSignature(TSIG key, TSIGRecord requestTsig, int error, Instant checkedAt) {
    this.key = key;
    this.requestTsig = requestTsig;
    this.error = error;
    this.checkedAt = checkedAt;
  }

  public boolean signed() {
    return requestTsig != null;
  }

  public boolean valid() {
    return error == Rcode.NOERROR;
  }

  /** NOERROR, or the TSIG error of the request (Rcode.BADKEY, BADSIG, BADTIME or FORMERR). */
  public int error() {
    return error;
  }

  /** The name of the key the request was signed with; null when unsigned. */
  public Name keyName() {
    return signed() ? requestTsig.getName() : null;
  }

  /**
   * The answer on the wire, at most {@code maxLength} bytes (truncated with TC beyond, for UDP),
   * signed when the request was validly signed.
   */
  public byte[] wire(Message response, int maxLength) {
    if (signed() && valid()) {
      response.setTSIG(key, Rcode.NOERROR, requestTsig);
      return response.toWire(maxLength);
    }
    return maxLength >= MESSAGE_LIMIT ? response.toWire() : response.toWire(maxLength);
  }

  /**
   * RFC 8945 section 5.2: NOTAUTH carrying the TSIG error. BADTIME is signed (the client's key is
   * valid, the time is not) and tells our time; BADKEY and BADSIG are not, with an empty MAC.
   */
  public byte[] rejection(Message query, int tsigError) {
    if (tsigError == Rcode.FORMERR) {
      return Responses.answerTo(query, Rcode.FORMERR).toWire();
    }
    Message response = Responses.answerTo(query, Rcode.NOTAUTH);
    if (tsigError == Rcode.BADTIME && key != null) {
      response.setTSIG(key, Rcode.BADTIME, requestTsig);
      return response.toWire(MESSAGE_LIMIT);
    }
    response.addRecord(
        new TSIGRecord(
            requestTsig.getName(),
            DClass.ANY,
            0,
            requestTsig.getAlgorithm(),
            tsigError == Rcode.BADTIME ? checkedAt : requestTsig.getTimeSigned(),
            requestTsig.getFudge(),
            new byte[0],
            query.getHeader().getID(),
            tsigError,
            null),
        Section.ADDITIONAL);
    return response.toWire();
  }

  /** The rejection of this request's own TSIG error. */
  public byte[] rejection(Message query) {
    return rejection(query, error);
  }

  /** Puts the messages of one transfer on the wire, each signed when the request was. */
  public TransferSigner transferSigner() {
    if (!signed() || !valid()) {
      return TransferSigner.UNSIGNED;
    }
    TSIG.StreamGenerator generator = new TSIG.StreamGenerator(key, requestTsig);
    return new TransferSigner() {
      @Override
      public byte[] wire(Message message) {
        generator.generate(message);
        return message.toWire();
      }

      @Override
      public int overhead() {
        return key.recordLength();
      }
    };
  }
}
