package io.zonecast.minidns.dispatch;

import io.zonecast.minidns.access.TransferGate;
import io.zonecast.minidns.protocol.NotifyReceiver;
import io.zonecast.minidns.protocol.ResponseSink;
import io.zonecast.minidns.protocol.Responses;
import io.zonecast.minidns.protocol.SourcePolicy;
import io.zonecast.minidns.protocol.SourcePolicy.Standing;
import io.zonecast.minidns.protocol.Transport;
import io.zonecast.minidns.query.QueryAnswerer;
import io.zonecast.minidns.transfer.ZoneTransfer;
import io.zonecast.minidns.tsig.RequestSignature;
import io.zonecast.minidns.tsig.RequestVerifier;
import io.zonecast.minidns.zonesource.ZoneNotLoaded;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Parses a request and hands it to the feature that answers it: AXFR and IXFR to {@link
 * ZoneTransfer}, every other query type to {@link QueryAnswerer}. Whatever arrives (truncated,
 * random or hostile bytes) ends in an answer, FORMERR, NOTIMP, REFUSED, SERVFAIL or silence, never
 * in an exception that reaches a listener. A request's TSIG signature (RFC 8945) is checked first:
 * a bad one is answered NOTAUTH with its TSIG error, a good one makes the answer signed; {@link
 * TransferGate} then decides whether a transfer or SOA request may be answered at all.
 *
 * <p>Before any of that, the {@link SourcePolicy} decides who is answered at all: a stranger gets
 * REFUSED (never larger than its query, so MiniDNS cannot amplify a forged source's traffic), and a
 * source that may only query gets, over UDP, no answer larger than its query: a larger one is cut
 * to TC (the client asks again over TCP, which a forged source cannot).
 */
@Component
public class DnsDispatcher {

  private static final Logger log = LoggerFactory.getLogger(DnsDispatcher.class);
  private static final int HEADER_LENGTH = 12;

  private final QueryAnswerer answerer;
  private final ZoneTransfer transfer;
  private final RequestVerifier verifier;
  private final TransferGate gate;
  private final SourcePolicy sources;
  private final NotifyReceiver notifies;

  /** Answers everyone as a server of the pools (unit tests of the protocol). */
  public DnsDispatcher(
      QueryAnswerer answerer, ZoneTransfer transfer, RequestVerifier verifier, TransferGate gate) {
    this(answerer, transfer, verifier, gate, SourcePolicy.EVERYONE, null);
  }

  @Autowired
  public DnsDispatcher(
      QueryAnswerer answerer,
      ZoneTransfer transfer,
      RequestVerifier verifier,
      TransferGate gate,
      SourcePolicy sources,
      NotifyReceiver notifies) {
    this.answerer = answerer;
    this.transfer = transfer;
    this.verifier = verifier;
    this.gate = gate;
    this.sources = sources;
    this.notifies = notifies;
  }

  public void handle(
      byte[] request, Transport transport, InetSocketAddress client, ResponseSink sink) {
    try {
      Message query;
      try {
        query = new Message(request);
      } catch (IOException e) {
        // RFC 1035 4.1.1: FORMERR when at least the header (and so the id) could be read
        if (request.length >= HEADER_LENGTH && (request[2] & 0x80) == 0) {
          int id = ((request[0] & 0xff) << 8) | (request[1] & 0xff);
          sink.send(Responses.headerOnly(id, Rcode.FORMERR));
        }
        return;
      }
      if (query.getHeader().getFlag(Flags.QR)) {
        // a response sent to us: answering it could start a loop between two servers
        return;
      }
      Standing standing = sources.standing(client.getAddress());
      // a NOTIFY may come from a SECONDARY zone's master outside the pools: NotifyReceiver judges
      // its sender (the answer is never larger than the query)
      boolean notify = query.getHeader().getOpcode() == Opcode.NOTIFY && notifies != null;
      if (standing == Standing.STRANGER && !notify) {
        log.debug("refused {} from {}: not a server of the pools", query.getQuestion(), client);
        sink.send(Responses.answerTo(query, Rcode.REFUSED).toWire());
        return;
      }
      if (standing == Standing.QUERY_ONLY && transport == Transport.UDP) {
        sink = capped(sink, query, request.length);
      }
      RequestSignature signature = verifier.verify(query, request);
      if (!signature.valid()) {
        log.warn(
            "TSIG {} from {} for {} (key {}): refused (RFC 8945 section 5.2)",
            Rcode.TSIGstring(signature.error()),
            client,
            query.getQuestion(),
            signature.keyName());
        sink.send(signature.rejection(query));
        return;
      }
      byte[] answer;
      try {
        answer = answer(query, transport, client, sink, signature);
      } catch (ZoneNotLoaded e) {
        // as BIND answers for a zone it has not loaded (RFC 1035 4.1.1: SERVFAIL)
        log.debug("{} from {}: SERVFAIL, {}", query.getQuestion(), client, e.getMessage());
        answer = wire(Responses.answerTo(query, Rcode.SERVFAIL), transport, query, signature);
      } catch (RuntimeException e) {
        // e.g. the database is down: say so (RFC 1035 4.1.1 SERVFAIL) rather than stay silent
        log.warn("failed to answer {} from {}", query.getQuestion(), client, e);
        answer = wire(Responses.answerTo(query, Rcode.SERVFAIL), transport, query, signature);
      }
      sink.send(answer);
    } catch (IOException e) {
      log.debug("could not answer {}: {}", client, e.toString());
    } catch (RuntimeException e) {
      log.warn("failed to answer a query from {}", client, e);
    }
  }

  /** The (last) answer to send; a transfer sends its earlier messages through {@code sink}. */
  private byte[] answer(
      Message query,
      Transport transport,
      InetSocketAddress client,
      ResponseSink sink,
      RequestSignature signature)
      throws IOException {
    // RFC 6891 6.1.3: we implement EDNS version 0 only
    if (query.getOPT() != null && query.getOPT().getVersion() > 0) {
      return wire(Responses.badVersion(query), transport, query, signature);
    }
    // RFC 1996: a NOTIFY is for the SECONDARY zones MiniDNS pulls from their masters
    if (query.getHeader().getOpcode() == Opcode.NOTIFY && notifies != null) {
      Record asked = query.getQuestion();
      if (asked == null || query.getSectionArray(Section.QUESTION).length != 1) {
        return wire(Responses.answerTo(query, Rcode.FORMERR), transport, query, signature);
      }
      Message answer = Responses.answerTo(query, notifies.receive(query, client));
      answer.getHeader().setFlag(Flags.AA);
      return wire(answer, transport, query, signature);
    }
    // RFC 1035 4.1.1: NOTIMP for every other opcode; an UPDATE (RFC 2136) is not for MiniDNS
    if (query.getHeader().getOpcode() != Opcode.QUERY) {
      return wire(Responses.answerTo(query, Rcode.NOTIMP), transport, query, signature);
    }
    Record question = query.getQuestion();
    // RFC 1035 4.1.2: a query carries exactly one question
    if (question == null || query.getSectionArray(Section.QUESTION).length != 1) {
      return wire(Responses.answerTo(query, Rcode.FORMERR), transport, query, signature);
    }
    // the zones are all class IN; CHAOS queries such as version.bind are not answered
    if (question.getDClass() != DClass.IN) {
      return wire(Responses.answerTo(query, Rcode.REFUSED), transport, query, signature);
    }
    Optional<byte[]> refusal = gate.refusal(query, signature, client);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    int type = question.getType();
    if (type == Type.AXFR || type == Type.IXFR) {
      return transfer.answer(query, transport, client.toString(), sink, signature);
    }
    return wire(answerer.answer(query), transport, query, signature);
  }

  /** A sink that sends no answer larger than {@code limit}: a larger one goes as TC. */
  private static ResponseSink capped(ResponseSink sink, Message query, int limit) {
    return wire -> {
      if (wire.length <= limit) {
        sink.send(wire);
        return;
      }
      int rcode;
      try {
        rcode = new Message(wire).getRcode();
      } catch (IOException e) {
        rcode = Rcode.SERVFAIL;
      }
      sink.send(Responses.truncated(query, rcode));
    };
  }

  /**
   * Over UDP an answer larger than the client accepts (512 bytes, RFC 1035 4.2.1, or its EDNS
   * payload size, RFC 6891 6.2.5) is truncated with TC set, so the client asks again over TCP. We
   * never send more than {@link Responses#EDNS_PAYLOAD} bytes over UDP, to avoid IP fragmentation.
   */
  static byte[] wire(
      Message response, Transport transport, Message query, RequestSignature signature) {
    if (transport == Transport.TCP) {
      return signature.wire(response, 65_535);
    }
    int max =
        query.getOPT() == null
            ? 512
            : Math.clamp(query.getOPT().getPayloadSize(), 512, Responses.EDNS_PAYLOAD);
    return signature.wire(response, max);
  }
}
