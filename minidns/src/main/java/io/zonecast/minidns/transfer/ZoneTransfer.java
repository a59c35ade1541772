package io.zonecast.minidns.transfer;

import io.zonecast.minidns.protocol.ResponseSink;
import io.zonecast.minidns.protocol.Responses;
import io.zonecast.minidns.protocol.Transport;
import io.zonecast.minidns.zonesource.ZoneHead;
import io.zonecast.minidns.zonesource.ZoneSource;
import io.zonecast.model.serial.SerialNumber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
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
 * packed by {@link MessagePacker}. MiniDNS keeps no history, so an IXFR (RFC 1995) is answered with
 * a single SOA when the client is current, otherwise with the whole zone in AXFR form, which RFC
 * 1995 section 4 allows.
 */
@Component
public class ZoneTransfer {

  private static final Logger log = LoggerFactory.getLogger(ZoneTransfer.class);

  private final ZoneSource zones;

  public ZoneTransfer(ZoneSource zones) {
    this.zones = zones;
  }

  /** The last message of the answer; earlier ones of a multi-message transfer go to the sink. */
  public byte[] answer(Message query, Transport transport, String client, ResponseSink sink)
      throws IOException {
    Record question = query.getQuestion();
    Name apex = question.getName();
    boolean ixfr = question.getType() == Type.IXFR;
    String kind = ixfr ? "IXFR" : "AXFR";
    if (transport == Transport.UDP) {
      if (ixfr) {
        // RFC 1995 section 2: over UDP the answer is our SOA alone; the client then uses TCP
        Optional<ZoneHead> zone = apexZone(apex);
        if (zone.isEmpty()) {
          log.warn("refused IXFR of {} over UDP to {}: no such zone here", apex, client);
          return Responses.answerTo(query, Rcode.REFUSED).toWire();
        }
        return soaOnly(query, zone.get()).toWire(512);
      }
      // RFC 5936 section 4.2: AXFR over UDP is not defined, so such a request is malformed for
      // this transport: FORMERR, as BIND answers. REFUSED would claim a policy decision and
      // suggest that the same request might be allowed elsewhere or later.
      log.warn("refused AXFR of {} over UDP to {}: FORMERR", apex, client);
      return Responses.answerTo(query, Rcode.FORMERR).toWire();
    }
    if (ixfr) {
      Optional<ZoneHead> zone = apexZone(apex);
      if (zone.isPresent() && clientIsCurrent(query, zone.get())) {
        // RFC 1995 section 2: a client as new as we are gets our SOA alone
        return soaOnly(query, zone.get()).toWire();
      }
    }
    Stream stream = new Stream(new MessagePacker(query, sink));
    boolean held;
    try {
      held = zones.streamZone(apex, stream::start, stream::add);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (!held) {
      // RFC 5936 section 2.2.1: REFUSED when we are not authoritative for the zone
      log.warn("refused {} of {} to {}: no such zone here", kind, apex, client);
      return Responses.answerTo(query, Rcode.REFUSED).toWire();
    }
    byte[] last = stream.finish();
    log.info(
        "{} of {} serial {} to {}: {} records in {} messages",
        ixfr ? "IXFR (as AXFR)" : "AXFR",
        apex,
        stream.serial,
        client,
        stream.packer.records(),
        stream.packer.messages());
    return last;
  }

  private Optional<ZoneHead> apexZone(Name apex) {
    return zones.findZone(apex).filter(z -> z.name().equals(apex));
  }

  /** RFC 1995 section 3: the IXFR query carries the client's SOA in its authority section. */
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

  /** SOA, the records, SOA again (RFC 5936 section 2.2), fed from the snapshot as it is read. */
  private static final class Stream {
    private final MessagePacker packer;
    private SOARecord soa;
    private long serial;

    Stream(MessagePacker packer) {
      this.packer = packer;
    }

    void start(ZoneHead zone) {
      soa = zone.soa();
      serial = zone.serial();
      add(soa);
    }

    void add(Record record) {
      try {
        packer.add(record);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    byte[] finish() {
      add(soa);
      return packer.finish();
    }
  }
}
