package io.zonecast.minidns.transfer;

import io.zonecast.minidns.protocol.ResponseSink;
import io.zonecast.minidns.protocol.Responses;
import io.zonecast.minidns.tsig.TransferSigner;
import java.io.IOException;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Packs the records of a transfer into as few messages as possible (RFC 5936 section 2.2: an AXFR
 * response is a sequence of messages, each with as many records as fit), each at most {@link
 * #MESSAGE_LIMIT} bytes, the most a TCP length prefix can carry (RFC 1035 section 4.2.2). A full
 * message is handed to the sink at once, so a transfer never holds more than one message.
 *
 * <p>Records are counted at their uncompressed size; name compression only makes the real message
 * smaller, so the limit always holds. When the transfer is signed, room for the TSIG record is kept
 * in every message and each message is signed as it is sent, chained to the one before.
 */
final class MessagePacker {

  static final int MESSAGE_LIMIT = 65_535;

  private final Message query;
  private final ResponseSink sink;
  private final TransferSigner signer;
  private final int limit;
  private final int emptySize;
  private Message current;
  private int size;
  private long records;
  private int messages;

  MessagePacker(Message query, ResponseSink sink) {
    this(query, sink, TransferSigner.UNSIGNED);
  }

  MessagePacker(Message query, ResponseSink sink, TransferSigner signer) {
    this.query = query;
    this.sink = sink;
    this.signer = signer;
    this.limit = MESSAGE_LIMIT - signer.overhead();
    this.emptySize = fresh().toWire().length;
    this.current = fresh();
    this.size = emptySize;
  }

  /**
   * Adds a record, first sending the current message when the record would not fit in it.
   *
   * @throws UnwritableRecordException when the record cannot be put on the wire at all
   */
  void add(Record record) throws IOException {
    int recordSize;
    try {
      recordSize = record.toWire(Section.ANSWER).length;
    } catch (IllegalArgumentException e) {
      // dnsjava refuses an RDLENGTH over 16 bits (RFC 1035 3.2.1): "70280 out of range ..."
      throw new UnwritableRecordException(record, e.getMessage());
    }
    if (size + recordSize > limit && !current.getSection(Section.ANSWER).isEmpty()) {
      sink.send(signer.wire(current));
      messages++;
      current = fresh();
      size = emptySize;
    }
    if (emptySize + recordSize > limit) {
      throw new UnwritableRecordException(
          record, recordSize + " octets do not fit a message of " + limit);
    }
    current.addRecord(record, Section.ANSWER);
    size += recordSize;
    records++;
  }

  /** The last message, which the caller sends. */
  byte[] finish() {
    messages++;
    return signer.wire(current);
  }

  long records() {
    return records;
  }

  int messages() {
    return messages;
  }

  /**
   * RFC 5936 section 2.2.1: the id and question of the query in every message (the question is
   * required only in the first; copying it is allowed in the rest), QR and AA set.
   */
  private Message fresh() {
    Message message = Responses.answerTo(query, Rcode.NOERROR);
    message.getHeader().setFlag(Flags.AA);
    return message;
  }
}
