package io.zonecast.central.recordset;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes many recordsets of one new zone at once (a zone import) with COPY, in chunks, instead of a
 * statement per row. The rdata must already be checked and canonical.
 */
@Component
public class RecordsetBulkWriter {

  /** Records per COPY; progress is reported after each. */
  static final int CHUNK = 5000;

  private final JdbcTemplate jdbc;
  private final Clock clock;

  RecordsetBulkWriter(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * One recordset to write.
   *
   * @param ttl its own TTL, null for the zone's
   */
  public record NewRecords(String name, String type, Integer ttl, List<String> data) {}

  /**
   * Inserts the recordsets of a zone being created (at {@code serial}, stored settled: they are
   * shown PENDING, action CREATE, with the zone until its creation reaches the targets, see {@link
   * CreatingZone}), telling {@code progress} the number of records written so far after each chunk.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void insert(
      UUID zoneId,
      String projectId,
      long serial,
      List<NewRecords> recordsets,
      LongConsumer progress) {
    Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock));
    TimeOrderedIds ids = new TimeOrderedIds(clock);
    Chunk chunk = new Chunk();
    long written = 0;
    for (NewRecords recordset : recordsets) {
      UUID id = ids.next();
      csv(
          chunk.recordsets,
          id,
          zoneId,
          projectId,
          recordset.name(),
          recordset.type(),
          recordset.ttl(),
          false,
          CreatingZone.SETTLED,
          CreatingZone.SETTLED_ACTION,
          serial,
          1,
          now);
      for (int i = 0; i < recordset.data().size(); i++) {
        csv(chunk.records, ids.next(), id, zoneId, recordset.data().get(i), i);
      }
      chunk.recordCount += recordset.data().size();
      if (chunk.recordCount >= CHUNK) {
        written += write(chunk, zoneId, projectId, serial, now);
        progress.accept(written);
        chunk = new Chunk();
      }
    }
    if (chunk.recordCount > 0) {
      written += write(chunk, zoneId, projectId, serial, now);
      progress.accept(written);
    }
  }

  private static final class Chunk {
    final StringBuilder recordsets = new StringBuilder();
    final StringBuilder records = new StringBuilder();
    int recordCount;
  }

  /** One line of CSV for COPY: fields quoted (quotes doubled), null as an unquoted empty field. */
  private static void csv(StringBuilder out, Object... fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      if (fields[i] != null) {
        out.append('"').append(fields[i].toString().replace("\"", "\"\"")).append('"');
      }
    }
    out.append('\n');
  }

  /** COPY, PostgreSQL's bulk load: far faster than inserts for a large zone. */
  private int write(Chunk chunk, UUID zoneId, String projectId, long serial, Timestamp now) {
    jdbc.execute((Connection connection) -> {
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      try {
        copy.copyIn(
            "copy recordsets (id, zone_id, project_id, name, type, ttl, managed, status,"
                + " action, serial, version, created_at) from stdin (format csv)",
            new StringReader(chunk.recordsets.toString()));
        copy.copyIn(
            "copy records (id, recordset_id, zone_id, data, position) from stdin (format csv)",
            new StringReader(chunk.records.toString()));
      } catch (IOException e) {
        throw new SQLException("COPY of a zone's recordsets failed", e);
      }
      return null;
    });
    return chunk.recordCount;
  }
}
