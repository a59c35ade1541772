package io.zonecast.central.recordset;

import java.text.NumberFormat;
import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * What a recordset must satisfy to be put on the wire, so that nothing stored can make a query
 * answer or a zone transfer fail: a record's data is at most 65,535 octets (RDLENGTH is 16 bits,
 * RFC 1035 section 3.2.1), and the whole RRset fits in one DNS message over TCP (at most 65,535
 * octets, RFC 1035 section 4.2.2), because an answer cannot split an RRset (RFC 2181 section 9).
 *
 * <p>Sizes are counted as dnsjava writes the records, uncompressed (compression only makes a real
 * message smaller): the header (12 octets), the question (the owner name, type and class), each
 * record's owner, type, class, TTL, RDLENGTH and data, and {@link #TSIG_RESERVE} octets kept free
 * for a TSIG signature, as MiniDNS keeps them in a signed transfer.
 */
public final class WireSize {

  public static final int MAX_RDATA = 65_535;
  public static final int MAX_MESSAGE = 65_535;

  /**
   * Room for a TSIG record (RFC 8945 section 4.2): a key name of up to 255 octets, the algorithm
   * name, times, a MAC of up to 64 octets (HMAC-SHA512) and the rest of its fields.
   */
  public static final int TSIG_RESERVE = 512;

  private static final int HEADER = 12;
  private static final int RR_FIXED = 10; // type, class, TTL, RDLENGTH
  private static final int QUESTION_FIXED = 4; // type, class

  private WireSize() {}

  /** A message answering for {@code owner} with no records yet, its TSIG reserve included. */
  public static long emptyMessage(Name owner) {
    return HEADER + owner.length() + QUESTION_FIXED + TSIG_RESERVE;
  }

  /** The octets {@code record} takes in a message, uncompressed. */
  public static long recordOctets(Record record) {
    return record.getName().length() + RR_FIXED + record.rdataToWireCanonical().length;
  }

  /** Why {@code record}'s data cannot be put on the wire, or null when it can. */
  public static String rdataProblem(Record record) {
    int length = record.rdataToWireCanonical().length;
    if (length <= MAX_RDATA) {
      return null;
    }
    return "its data is "
        + octets(length)
        + " octets, and DNS allows at most "
        + octets(MAX_RDATA)
        + " in one record (RFC 1035 section 3.2.1)";
  }

  /**
   * Why an RRset of {@code messageOctets} (from {@link #emptyMessage} on) is too large, or null.
   */
  public static String rrsetProblem(Name owner, int type, long messageOctets) {
    if (messageOctets <= MAX_MESSAGE) {
      return null;
    }
    return "the "
        + Type.string(type)
        + " recordset "
        + owner
        + " needs "
        + octets(messageOctets)
        + " octets in a DNS message, and one message holds at most "
        + octets(MAX_MESSAGE)
        + " (RFC 1035 section 4.2.2; "
        + TSIG_RESERVE
        + " of them kept for a TSIG signature): an answer cannot split a recordset, so use"
        + " fewer or shorter records";
  }

  private static String octets(long n) {
    return NumberFormat.getIntegerInstance(Locale.ROOT).format(n);
  }
}
