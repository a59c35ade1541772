package io.zonecast.minidns.transfer;

import io.zonecast.minidns.protocol.ResponseSink;
import io.zonecast.minidns.protocol.Responses;
import io.zonecast.minidns.protocol.Transport;
import io.zonecast.minidns.zonesource.ZoneHead;
import io.zonecast.minidns.zonesource.ZoneSource;
import io.zonecast.model.serial.SerialNumber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Zone transfers. AXFR (RFC 5936) is streamed over TCP from one database snapshot, so a transfer
 * never mixes two serials and the zone is never held in memory whole: SOA, every record, SOA,
 * packed into messages of at most {@link #MESSAGE_LIMIT} bytes. An IXFR (RFC 1995) is answered with
 * a single SOA when the client is current, otherwise with the whole zone in AXFR form, which RFC
 * 1995 section 4 allows.
 */
@Component
public class ZoneTransfer {

  private static final Logger log = LoggerFactory.getLogger(ZoneTransfer.class);

  /**
   * Kept below the 65,535-byte TCP message maximum; records are counted at their uncompressed size,
   * so the real messages are smaller still.
   */
  static final int MESSAGE_LIMIT = 60_000;

  private final ZoneSource zones;

  public ZoneTransfer(ZoneSource zones) {
    this.zones = zones;
  }

  public byte[] answer(Message query, Transport transport, String client, ResponseSink sink)
      throws IOException {
    Record question = query.getQuestion();
    Name apex = question.getName();
    boolean ixfr = question.getType() == Type.IXFR;
    if (transport == Transport.UDP) {
      if (ixfr) {
        // RFC 1995 section 2: over UDP answer with our SOA; the client then comes back over TCP
        return zones
            .findZone(apex)
            .filter(z -> z.name().equals(apex))
            .map(z -> soaOnly(query, z).toWire(512))
            .orElseGet(() -> Responses.answerTo(query, Rcode.REFUSED).toWire());
      }
      // RFC 5936 section 4.2: AXFR is a TCP-only exchange
      return Responses.answerTo(query, Rcode.FORMERR).toWire();
    }
    if (ixfr) {
      var zone = zones.findZone(apex).filter(z -> z.name().equals(apex));
      if (zone.isPresent() && clientIsCurrent(query, zone.get())) {
        return soaOnly(query, zone.get()).toWire();
      }
    }
    Packer packer = new Packer(query, sink);
    boolean held;
    try {
      held = zones.streamZone(apex, packer::start, packer::add);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (!held) {
      log.warn(
          "refused {} of {} to {}: no such zone here",
          question.getType() == Type.IXFR ? "IXFR" : "AXFR",
          apex,
          client);
      return Responses.answerTo(query, Rcode.REFUSED).toWire();
    }
    log.info(
        "{} of {} serial {} to {}: {} records",
        ixfr ? "IXFR (full)" : "AXFR",
        apex,
        packer.serial(),
        client,
        packer.count());
    return packer.finish();
  }

  private static boolean clientIsCurrent(Message query, ZoneHead zone) {
    for (Record record : query.getSection(Section.AUTHORITY)) {
      if (record instanceof SOARecord soa) {
        return SerialNumber.of(soa.getSerial()).isAtLeast(SerialNumber.of(zone.serial()));
      }
    }
    return false;
  }

  private static Message soaOnly(Message query, ZoneHead zone) {
    Message response = Responses.answerTo(query, Rcode.NOERROR);
    response.getHeader().setFlag(Flags.AA);
    response.addRecord(zone.soa(), Section.ANSWER);
    return response;
  }

  /** Fills messages up to the limit and sends each full one while the snapshot is still read. */
  private static final class Packer {
    private final Message query;
    private final ResponseSink sink;
    private final AtomicReference<SOARecord> soa = new AtomicReference<>();
    private Message current;
    private int size;
    private long count;
    private long serial;
    private final int baseSize;

    Packer(Message query, ResponseSink sink) {
      this.query = query;
      this.sink = sink;
      this.baseSize = Responses.answerTo(query, Rcode.NOERROR).toWire().length;
    }

    void start(ZoneHead zone) {
      soa.set(zone.soa());
      serial = zone.serial();
      current = fresh();
      add(zone.soa());
    }

    void add(Record record) {
      int recordSize = record.toWire(Section.ANSWER).length;
      if (size + recordSize > MESSAGE_LIMIT && current.getSection(Section.ANSWER).size() > 0) {
        try {
          sink.send(current.toWire());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        current = fresh();
      }
      current.addRecord(record, Section.ANSWER);
      size += recordSize;
      count++;
    }

    byte[] finish() {
      add(soa.get());
      return current.toWire();
    }

    long serial() {
      return serial;
    }

    long count() {
      return count;
    }

    private Message fresh() {
      Message message = Responses.answerTo(query, Rcode.NOERROR);
      message.getHeader().setFlag(Flags.AA);
      size = baseSize;
      return message;
    }
  }
}
