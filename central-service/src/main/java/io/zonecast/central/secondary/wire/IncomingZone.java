package io.zonecast.central.secondary.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Receives a transfer record by record and stages it in batches, checking as it goes: the first
 * record is the zone's SOA (RFC 5936 section 2.2), every record is of class IN and inside the zone,
 * an AXFR ends with the same SOA it started with. An IXFR (RFC 1995 section 4) starts from the
 * zone's current content and applies each difference; a difference removing a record the zone does
 * not have makes it unusable ({@link IxfrOutOfStep}), and the caller takes an AXFR instead.
 */
public class IncomingZone implements ZoneTransferIn.ZoneTransferHandler {

  /** An IXFR whose differences do not fit the zone as stored. */
  public static final class IxfrOutOfStep extends RuntimeException {
    IxfrOutOfStep(String message) {
      super(message);
    }
  }

  private final Name zone;
  private final RecordSink session;
  private final int batchSize;
  private final List<StagedRecord> batch = new ArrayList<>();

  private boolean incremental;
  private boolean deleting;
  private SOARecord firstSoa;
  private SOARecord lastSoa;
  private boolean ended;
  private long records;

  public IncomingZone(Name zone, RecordSink session, int batchSize) {
    this.zone = zone;
    this.session = session;
    this.batchSize = batchSize;
  }

  @Override
  public void startAXFR() {
    incremental = false;
    session.clear();
  }

  @Override
  public void startIXFR() {
    incremental = true;
    session.clear();
    session.stageCurrent();
  }

  @Override
  public void startIXFRDeletes(Record soa) {
    flush();
    checkSoa(soa);
    deleting = true;
  }

  @Override
  public void startIXFRAdds(Record soa) {
    flush();
    checkSoa(soa);
    deleting = false;
    lastSoa = (SOARecord) soa;
  }

  @Override
  public void handleRecord(Record record) {
    check(record);
    if (!incremental && record.getType() == Type.SOA) {
      if (firstSoa == null) {
        firstSoa = checkSoa(record);
        return;
      }
      SOARecord last = checkSoa(record);
      if (last.getSerial() != firstSoa.getSerial()) {
        throw new TransferFailure(
            "AXFR of "
                + zone
                + " ended with serial "
                + last.getSerial()
                + " but started with "
                + firstSoa.getSerial());
      }
      lastSoa = last;
      ended = true;
      return;
    }
    if (record.getType() == Type.SOA) {
      throw new TransferFailure("a second SOA inside a difference of the IXFR of " + zone);
    }
    batch.add(staged(record));
    records++;
    if (batch.size() >= batchSize) {
      flush();
    }
  }

  /** Writes what is still held; the last SOA of the transfer, or a failure. */
  public SOARecord finish() {
    flush();
    if (lastSoa == null || (!incremental && !ended)) {
      throw new TransferFailure("transfer of " + zone + " ended before its closing SOA");
    }
    return lastSoa;
  }

  public boolean wasIncremental() {
    return incremental;
  }

  public long records() {
    return records;
  }

  private void flush() {
    if (batch.isEmpty()) {
      return;
    }
    if (incremental && deleting) {
      if (!session.unstage(List.copyOf(batch))) {
        throw new IxfrOutOfStep("an IXFR difference removes a record " + zone + " does not have");
      }
    } else {
      session.stage(List.copyOf(batch));
    }
    batch.clear();
  }

  private void check(Record record) {
    if (record.getDClass() != DClass.IN) {
      throw new TransferFailure(
          "record of class " + DClass.string(record.getDClass()) + " in the transfer of " + zone);
    }
    if (!record.getName().subdomain(zone)) {
      throw new TransferFailure(
          "record "
              + record.getName()
              + " "
              + Type.string(record.getType())
              + " is outside "
              + zone);
    }
  }

  private SOARecord checkSoa(Record record) {
    check(record);
    if (!(record instanceof SOARecord soa)) {
      throw new TransferFailure("transfer of " + zone + " does not start with its SOA");
    }
    if (!soa.getName().equals(zone)) {
      throw new TransferFailure("transfer is of " + soa.getName() + ", not of " + zone);
    }
    return soa;
  }

  public static StagedRecord staged(Record record) {
    String data =
        record instanceof AAAARecord aaaa
            ? shortIpv6(aaaa.getAddress().getHostAddress())
            : record.rdataToString();
    return new StagedRecord(
        record.getName().toString().toLowerCase(Locale.ROOT),
        Type.string(record.getType()),
        record.getTTL(),
        data);
  }

  /** An IPv6 address as RFC 5952 section 4 writes it (Java writes every group). */
  static String shortIpv6(String full) {
    String[] groups = full.toLowerCase(Locale.ROOT).split(":");
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < groups.length; ) {
      int j = i;
      while (j < groups.length && groups[j].equals("0")) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    if (bestStart < 0) {
      return String.join(":", groups);
    }
    return String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart))
        + "::"
        + String.join(
            ":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
  }
}
