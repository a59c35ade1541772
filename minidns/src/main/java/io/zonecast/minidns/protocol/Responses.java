package io.zonecast.minidns.protocol;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** Building answers: header copied from the query, QR set, question echoed. */
public final class Responses {

  /** EDNS payload size we offer (the DNS flag day 2020 recommendation). */
  public static final int EDNS_PAYLOAD = 1232;

  private Responses() {}

  public static Message answerTo(Message query, int rcode) {
    Message response = new Message(query.getHeader().getID());
    Header header = response.getHeader();
    header.setFlag(Flags.QR);
    header.setOpcode(query.getHeader().getOpcode());
    if (query.getHeader().getFlag(Flags.RD)) {
      header.setFlag(Flags.RD);
    }
    // RFC 6891 6.1.3: an extended RCODE keeps its lower 4 bits in the header, the upper 8 in the
    // OPT
    header.setRcode(rcode & 0xF);
    Record question = query.getQuestion();
    if (question != null) {
      response.addRecord(question, Section.QUESTION);
    }
    if (query.getOPT() != null) {
      response.addRecord(new OPTRecord(EDNS_PAYLOAD, rcode >>> 4, 0), Section.ADDITIONAL);
    }
    return response;
  }

  /**
   * RFC 6891 6.1.3: a request of an EDNS version we do not implement (we implement 0) is answered
   * BADVERS, with an OPT of the highest version we do implement.
   */
  public static Message badVersion(Message query) {
    return answerTo(query, Rcode.BADVERS);
  }

  /**
   * The answer cut down to its header, question and OPT with TC set (RFC 1035 4.2.1, RFC 2181 9):
   * the client asks again over TCP, where the answer cannot be sent to a forged source.
   */
  public static byte[] truncated(Message query, int rcode) {
    Message response = answerTo(query, rcode);
    response.getHeader().setFlag(Flags.TC);
    return response.toWire();
  }

  /** A bare error answer when the query could not be parsed beyond its header (RFC 1035 4.1.1). */
  public static byte[] headerOnly(int id, int rcode) {
    Message response = new Message(id);
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setRcode(rcode);
    return response.toWire();
  }
}
