package io.zonecast.minidns.protocol;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
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
    header.setRcode(rcode);
    Record question = query.getQuestion();
    if (question != null) {
      response.addRecord(question, Section.QUESTION);
    }
    if (query.getOPT() != null) {
      response.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
    }
    return response;
  }

  /** A bare error answer when the query could not be parsed beyond its header (RFC 1035 4.1.1). */
  public static byte[] headerOnly(int id, int rcode) {
    Message response = new Message(id);
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setRcode(rcode);
    return response.toWire();
  }
}
