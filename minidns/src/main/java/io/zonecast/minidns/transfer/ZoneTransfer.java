package io.zonecast.minidns.transfer;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonecast.minidns.protocol.ResponseSink;
import io.zonecast.minidns.protocol.Responses;
import io.zonecast.minidns.protocol.Transport;
import io.zonecast.minidns.tsig.RequestSignature;
import io.zonecast.minidns.tsig.TransferSigner;
import io.zonecast.minidns.zonesource.ZoneHead;
import io.zonecast.minidns.zonesource.ZoneSnapshot;
import io.zonecast.minidns.zonesource.ZoneSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
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
 * Zone transfers, each read from one database snapshot so it never mixes two serials. AXFR (RFC
 * 5936) is streamed over TCP and the zone is never held in memory whole: SOA, every record, SOA,
 * packed by {@link MessagePacker}. IXFR (RFC 1995) over TCP is answered from the change journal
 * with one condensed difference; when the journal does not lead from the client's serial to ours
 * (compacted, or a serial we never had, e.g. newer than ours) the whole zone is sent in AXFR form,
 * which RFC 1995 section 4 allows.
 */
@Component
public class ZoneTransfer {

  private static final Logger log = LoggerFactory.getLogger(ZoneTransfer.class);

  private final ZoneSource zones;
  private final MeterRegistry meters;
  private final TransferFailures failures;
  private final ServedSerials served;

  public ZoneTransfer(ZoneSource zones) {
    this(zones, new SimpleMeterRegistry(), new TransferFailures(), new ServedSerials());
  }

  public ZoneTransfer(ZoneSource zones, MeterRegistry meters) {
    this(zones, meters, new TransferFailures(), new ServedSerials());
  }

  @Autowired
  public ZoneTransfer(
      ZoneSource zones, MeterRegistry meters, TransferFailures failures, ServedSerials served) {
    this.zones = zones;
    this.meters = meters;
    this.failures = failures;
    this.served = served;
  }

  /** As {@link #answer(Message, Transport, String, ResponseSink, RequestSignature)}, unsigned. */
  public byte[] answer(Message query, Transport transport, String client, ResponseSink sink)
      throws IOException {
    return answer(query, transport, client, sink, RequestSignature.UNSIGNED);
  }

  /**
   * The last message of the answer; earlier ones of a multi-message transfer go to the sink. Each
   * message is signed when the request was (RFC 8945 section 5.3.1).
   */
  public byte[] answer(
      Message query,
      Transport transport,
      String client,
      ResponseSink sink,
      RequestSignature signature)
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
          return signature.wire(Responses.answerTo(query, Rcode.REFUSED), 512);
        }
        return signature.wire(soaOnly(query, zone.get()), 512);
      }
      // RFC 5936 section 4.2: AXFR over UDP is not defined, so such a request is malformed for
      // this transport: FORMERR, as BIND answers. REFUSED would claim a policy decision and
      // suggest that the same request might be allowed elsewhere or later.
      log.warn("refused AXFR of {} over UDP to {}: FORMERR", apex, client);
      return signature.wire(Responses.answerTo(query, Rcode.FORMERR), 512);
    }
    long start = System.nanoTime();
    CountingSink counting = new CountingSink(sink);
    TransferSigner signer = signature.transferSigner();
    Optional<byte[]> last;
    // a poll's first query waits for this: the secondary has stored the serial once it took the
    // whole answer
    ServedSerials.Transfer taking = served.begin(apex);
    AtomicReference<Long> taken = new AtomicReference<>();
    try {
      last =
          zones.inSnapshot(
              apex,
              snapshot -> {
                try {
                  byte[] answer =
                      ixfr
                          ? incremental(query, snapshot, client, counting, signer)
                          : whole(query, snapshot, client, counting, signer, "AXFR");
                  failures.succeeded(snapshot.head().name(), snapshot.head().serial());
                  taken.set(snapshot.head().serial());
                  return answer;
                } catch (UncheckedIOException e) {
                  if (e.getCause() instanceof UnwritableRecordException unwritable) {
                    throw new UnwritableZone(snapshot.head(), unwritable);
                  }
                  throw e;
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (UnwritableZone e) {
      // nothing the client can do: SERVFAIL (RFC 5936 2.2.1 ends a failed transfer with an error
      // RCODE), and the polls for this serial report the reason at once (TransferFailures)
      log.error(
          "{} of {} serial {} to {} failed: {}; every transfer of the zone fails until the record"
              + " is changed",
          kind,
          e.zone.name(),
          e.zone.serial(),
          client,
          e.getCause().getMessage());
      failures.failed(e.zone.name(), e.zone.serial(), e.getCause().getMessage());
      record(kind, "failed", start, counting.bytes);
      return signer.wire(Responses.answerTo(query, Rcode.SERVFAIL));
    } finally {
      Long serial = taken.get();
      counting.afterDelivery(serial == null ? taking::abandoned : () -> taking.taken(serial));
    }
    if (last.isEmpty()) {
      // RFC 5936 section 2.2.1: REFUSED when we are not authoritative for the zone
      log.warn("refused {} of {} to {}: no such zone here", kind, apex, client);
      record(kind, "refused", start, 0);
      return signer.wire(Responses.answerTo(query, Rcode.REFUSED));
    }
    record(kind, counting.form, start, counting.bytes + last.get().length);
    return last.get();
  }

  /**
   * Transfers by what was asked ({@code kind}) and what was sent ({@code form}: axfr, ixfr, soa for
   * a client already current, refused), with their duration and size on the wire.
   */
  private void record(String kind, String form, long startNanos, long bytes) {
    Timer.builder("zonecast.minidns.transfers")
        .description("zone transfers served over TCP")
        .tags("kind", kind, "form", form)
        .register(meters)
        .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    DistributionSummary.builder("zonecast.minidns.transfer.size")
        .description("bytes sent per zone transfer")
        .baseUnit("bytes")
        .tags("kind", kind, "form", form)
        .register(meters)
        .record(bytes);
  }

  private byte[] incremental(
      Message query,
      ZoneSnapshot snapshot,
      String client,
      CountingSink sink,
      TransferSigner signer) {
    ZoneHead zone = snapshot.head();
    OptionalLong clientSerial = clientSerial(query);
    if (clientSerial.isPresent() && clientSerial.getAsLong() == zone.serial()) {
      sink.form = "soa";
      // RFC 1995 section 2: a client as new as we are gets our SOA alone
      log.info("IXFR of {} to {}: serial {} is current", zone.name(), client, zone.serial());
      return signer.wire(soaOnly(query, zone));
    }
    Optional<Difference> difference =
        clientSerial.isEmpty()
            ? Optional.empty()
            : snapshot
                .journalFrom(clientSerial.getAsLong())
                .flatMap(Difference::condense)
                .filter(d -> sameRr(d.to(), zone.soa()));
    if (difference.isEmpty()) {
      return whole(query, snapshot, client, sink, signer, "IXFR (as AXFR)");
    }
    Difference d = difference.get();
    sink.form = "ixfr";
    MessagePacker packer = new MessagePacker(query, sink, signer);
    Stream stream = new Stream(packer);
    // RFC 1995 section 4: SOA(new), then SOA(old) and the deleted RRs, then SOA(new) and the added
    // RRs, and SOA(new) to end the transfer
    stream.add(d.to());
    stream.add(d.from());
    d.removed().forEach(stream::add);
    stream.add(d.to());
    d.added().forEach(stream::add);
    stream.add(d.to());
    byte[] last = packer.finish();
    // every change's, on every secondary: DEBUG (the transfer metrics count them)
    log.debug(
        "IXFR of {} from serial {} to {} for {}: {} removed, {} added, {} messages",
        zone.name(),
        d.from().getSerial(),
        d.to().getSerial(),
        client,
        d.removed().size(),
        d.added().size(),
        packer.messages());
    return last;
  }

  /** SOA, the records, SOA again (RFC 5936 section 2.2), fed from the snapshot as it is read. */
  private byte[] whole(
      Message query,
      ZoneSnapshot snapshot,
      String client,
      CountingSink sink,
      TransferSigner signer,
      String kind) {
    ZoneHead zone = snapshot.head();
    sink.form = "axfr";
    MessagePacker packer = new MessagePacker(query, sink, signer);
    Stream stream = new Stream(packer);
    stream.add(zone.soa());
    snapshot.streamRecords(stream::add);
    stream.add(zone.soa());
    byte[] last = packer.finish();
    log.info(
        "{} of {} serial {} to {}: {} records in {} messages",
        kind,
        zone.name(),
        zone.serial(),
        client,
        packer.records(),
        packer.messages());
    return last;
  }

  /** The same RR including its TTL (dnsjava's equals leaves the TTL out). */
  private static boolean sameRr(Record a, Record b) {
    return a.equals(b) && a.getTTL() == b.getTTL();
  }

  private Optional<ZoneHead> apexZone(Name apex) {
    return zones.findZone(apex).filter(z -> z.name().equals(apex));
  }

  /** RFC 1995 section 3: the IXFR query carries the client's SOA in its authority section. */
  private static OptionalLong clientSerial(Message query) {
    for (Record record : query.getSection(Section.AUTHORITY)) {
      if (record instanceof SOARecord soa) {
        return OptionalLong.of(soa.getSerial());
      }
    }
    return OptionalLong.empty();
  }

  private static Message soaOnly(Message query, ZoneHead zone) {
    Message response = Responses.answerTo(query, Rcode.NOERROR);
    response.getHeader().setFlag(Flags.AA);
    response.addRecord(zone.soa(), Section.ANSWER);
    return response;
  }

  /** A transfer of {@code zone} met a record that cannot be put on the wire. */
  private static final class UnwritableZone extends RuntimeException {
    private final transient ZoneHead zone;

    UnwritableZone(ZoneHead zone, UnwritableRecordException cause) {
      super(cause.getMessage(), cause);
      this.zone = zone;
    }
  }

  /** Passes messages on, counting their bytes, and notes what form the answer took. */
  private static final class CountingSink implements ResponseSink {
    private final ResponseSink next;
    private long bytes;
    private String form = "axfr";

    CountingSink(ResponseSink next) {
      this.next = next;
    }

    @Override
    public void send(byte[] wire) throws IOException {
      bytes += wire.length;
      next.send(wire);
    }

    @Override
    public void afterDelivery(Runnable action) {
      next.afterDelivery(action);
    }
  }

  /** Feeds records to the packer from inside the snapshot's callbacks. */
  private static final class Stream {
    private final MessagePacker packer;

    Stream(MessagePacker packer) {
      this.packer = packer;
    }

    void add(Record record) {
      try {
        packer.add(record);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
