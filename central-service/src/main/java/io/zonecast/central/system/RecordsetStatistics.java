package io.zonecast.central.system;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps PostgreSQL's row estimate of {@code recordsets} from misleading the check of each new
 * record's recordset (the foreign key) in a bulk write. A VACUUM of {@code recordsets} while it
 * held no live row (every zone deleted) records it as empty, and PostgreSQL then believes it empty
 * however many rows a transaction adds: every index costs the same to it, and it checked each
 * record's recordset by scanning the whole of an index whose first column is not the id. A first
 * pull of a 100,000-record secondary zone took 8 minutes instead of 9 seconds.
 *
 * <p>Called in the writing transaction after its recordsets and before their records: when the
 * estimate is below what was just written, {@code recordsets} is analyzed (ANALYZE counts the
 * transaction's own new rows), so the check goes through the primary key.
 *
 * <p>And after the records, {@code records} the same way: each session keeps the plan of a zone
 * delete's cascade ({@code delete from records where recordset_id = $1}, once per recordset) made
 * when it first deleted a zone, and one made while the table was small scans the whole table. Only
 * an ANALYZE (at its commit) makes the sessions plan it again: without it, deleting a
 * 100,000-record zone pulled a minute after a small zone's delete scanned the table 100,000 times
 * (over 11 minutes, with every zone status report waiting behind it).
 */
public final class RecordsetStatistics {

  /** Fewer recordsets than this in one write cannot make the checks costly. */
  static final long BULK = 1_000;

  private RecordsetStatistics() {}

  /**
   * @param written the recordsets this transaction has just written
   */
  public static void refreshBeforeRecords(JdbcTemplate jdbc, long written) {
    analyzeIfEstimatedBelow(jdbc, "recordsets", written);
  }

  /**
   * @param written the records this transaction has just written
   */
  public static void refreshAfterRecords(JdbcTemplate jdbc, long written) {
    analyzeIfEstimatedBelow(jdbc, "records", written);
  }

  private static void analyzeIfEstimatedBelow(JdbcTemplate jdbc, String table, long written) {
    if (written < BULK) {
      return;
    }
    Double estimate =
        jdbc.queryForObject(
            "select reltuples from pg_class where oid = ?::regclass", Double.class, table);
    if (estimate == null || estimate < written) {
      jdbc.execute("analyze " + table);
    }
  }
}
