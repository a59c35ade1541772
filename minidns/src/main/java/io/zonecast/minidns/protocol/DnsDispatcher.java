package io.zonecast.minidns.protocol;

import io.zonecast.minidns.query.QueryAnswerer;
import io.zonecast.minidns.transfer.ZoneTransfer;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Parses a request and hands it to the feature that answers it. Whatever arrives — truncated,
 * random or hostile bytes — ends in FORMERR, NOTIMP, REFUSED or silence, never in an exception that
 * reaches a listener.
 */
@Component
public class DnsDispatcher {

  private static final Logger log = LoggerFactory.getLogger(DnsDispatcher.class);
  private static final int HEADER_LENGTH = 12;

  private final QueryAnswerer answerer;
  private final ZoneTransfer transfer;

  public DnsDispatcher(QueryAnswerer answerer, ZoneTransfer transfer) {
    this.answerer = answerer;
    this.transfer = transfer;
  }

  public void handle(byte[] request, Transport transport, String client, ResponseSink sink) {
    try {
      Message query;
      try {
        query = new Message(request);
      } catch (IOException e) {
        if (request.length >= HEADER_LENGTH) {
          int id = ((request[0] & 0xff) << 8) | (request[1] & 0xff);
          sink.send(Responses.headerOnly(id, Rcode.FORMERR));
        }
        return;
      }
      sink.send(answer(query, transport, client, sink));
    } catch (IOException e) {
      log.debug("could not answer {}: {}", client, e.toString());
    } catch (RuntimeException e) {
      log.warn("failed to answer a query from {}", client, e);
    }
  }

  /** The (last) answer to send; a transfer sends its earlier messages through {@code sink}. */
  private byte[] answer(Message query, Transport transport, String client, ResponseSink sink)
      throws IOException {
    if (query.getHeader().getFlag(org.xbill.DNS.Flags.QR)) {
      return Responses.headerOnly(query.getHeader().getID(), Rcode.FORMERR);
    }
    if (query.getHeader().getOpcode() != Opcode.QUERY) {
      return wire(Responses.answerTo(query, Rcode.NOTIMP), transport, query);
    }
    Record question = query.getQuestion();
    // RFC 1035 4.1.2: a query carries exactly one question; we answer only class IN
    if (question == null
        || query.getSectionArray(Section.QUESTION).length != 1
        || question.getDClass() != DClass.IN) {
      return wire(Responses.answerTo(query, Rcode.FORMERR), transport, query);
    }
    int type = question.getType();
    if (type == Type.AXFR || type == Type.IXFR) {
      return transfer.answer(query, transport, client, sink);
    }
    return wire(answerer.answer(query), transport, query);
  }

  /**
   * Over UDP an answer larger than the client accepts is truncated with TC set (RFC 1035 4.2.1).
   */
  static byte[] wire(Message response, Transport transport, Message query) {
    if (transport == Transport.TCP) {
      return response.toWire();
    }
    int max = query.getOPT() == null ? 512 : Math.max(512, query.getOPT().getPayloadSize());
    return response.toWire(max);
  }
}
