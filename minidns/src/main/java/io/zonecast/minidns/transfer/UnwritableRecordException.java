package io.zonecast.minidns.transfer;

import java.io.IOException;
import org.xbill.DNS.Record;

/**
 * A record of a zone cannot be put on the wire: its RDATA is over the 65,535 octets of RDLENGTH
 * (RFC 1035 3.2.1), or it does not fit one message. Something stored it anyway (written to the
 * database directly, or by an older version that did not check); every transfer of the zone fails
 * until it is changed.
 */
public final class UnwritableRecordException extends IOException {

  UnwritableRecordException(Record record, String why) {
    super(
        "record "
            + record.getName()
            + " "
            + org.xbill.DNS.Type.string(record.getType())
            + " cannot be put on the wire: "
            + why);
  }
}
