package io.zonecast.central.secondary.wire;

import java.util.List;

/** Where {@link IncomingZone} puts a transfer while it streams in (the pull's staging table). */
public interface RecordSink {

  /** Adds records of the new content (SOA excluded). */
  void stage(List<StagedRecord> batch);

  /** Starts from the zone's current content (SOA excluded), for an IXFR's differences. */
  void stageCurrent();

  /** Removes records of an IXFR difference; false when one of them is not in the zone. */
  boolean unstage(List<StagedRecord> batch);

  /** Forgets everything staged (an IXFR that turned out unusable, before its AXFR). */
  void clear();
}
