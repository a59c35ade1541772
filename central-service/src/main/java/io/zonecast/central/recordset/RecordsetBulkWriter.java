package io.zonecast.central.recordset;

import io.zonecast.central.system.RecordsetStatistics;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
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

  /** Records per chunk (a COPY of its recordsets, then one of its records); progress after each. */
  static final int CHUNK = 5000;

  /** Characters of CSV sent to PostgreSQL at a time while the rest of a COPY is written. */
  static final int SEND_AT = 64 * 1024;

  private static final String COPY_RECORDSETS =
      "copy recordsets (id, zone_id, project_id, name, type, ttl, managed, status, action, serial,"
          + " version, created_at) from stdin (format csv)";
  private static final String COPY_RECORDS =
      "copy records (id, recordset_id, zone_id, data, position) from stdin (format csv)";

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
    Rows rows =
        new Rows(
            zoneId,
            projectId,
            serial,
            Timestamp.valueOf(LocalDateTime.now(clock)),
            new TimeOrderedIds(clock));
    long written = 0;
    int from = 0;
    while (from < recordsets.size()) {
      int to = from;
      int records = 0;
      while (to < recordsets.size() && records < CHUNK) {
        records += recordsets.get(to++).data().size();
      }
      List<NewRecords> chunk = recordsets.subList(from, to);
      Runnable beforeRecords =
          from == 0 ? () -> RecordsetStatistics.refreshBeforeRecords(jdbc, chunk.size()) : () -> {};
      jdbc.execute((Connection connection) -> {
        write(connection.unwrap(PGConnection.class).getCopyAPI(), chunk, rows, beforeRecords);
        return null;
      });
      written += records;
      progress.accept(written);
      from = to;
    }
    RecordsetStatistics.refreshAfterRecords(jdbc, written);
  }

  /** What every row of one import shares. */
  private record Rows(
      UUID zoneId, String projectId, long serial, Timestamp now, TimeOrderedIds ids) {}

  /**
   * COPY, PostgreSQL's bulk load: far faster than inserts for a large zone. Each COPY's CSV is sent
   * as it is written, so PostgreSQL stores the first rows while the next are made.
   */
  private static void write(
      CopyManager copy, List<NewRecords> chunk, Rows rows, Runnable beforeRecords)
      throws SQLException {
    UUID[] ids = new UUID[chunk.size()];
    try (CsvCopy recordsets = new CsvCopy(copy.copyIn(COPY_RECORDSETS))) {
      for (int i = 0; i < ids.length; i++) {
        NewRecords recordset = chunk.get(i);
        ids[i] = rows.ids().next();
        recordsets.row(
            ids[i],
            rows.zoneId(),
            rows.projectId(),
            recordset.name(),
            recordset.type(),
            recordset.ttl(),
            false,
            CreatingZone.SETTLED,
            CreatingZone.SETTLED_ACTION,
            rows.serial(),
            1,
            rows.now());
      }
      recordsets.end();
    }
    beforeRecords.run();
    try (CsvCopy records = new CsvCopy(copy.copyIn(COPY_RECORDS))) {
      for (int i = 0; i < ids.length; i++) {
        List<String> data = chunk.get(i).data();
        for (int position = 0; position < data.size(); position++) {
          records.row(rows.ids().next(), ids[i], rows.zoneId(), data.get(position), position);
        }
      }
      records.end();
    }
  }

  /** One COPY FROM STDIN in CSV; closed before {@link #end}, it is cancelled (nothing stored). */
  private static final class CsvCopy implements AutoCloseable {

    private final CopyIn in;
    private final StringBuilder pending = new StringBuilder(SEND_AT + 4096);

    CsvCopy(CopyIn in) {
      this.in = in;
    }

    /** One line: fields quoted (quotes doubled), null as an unquoted empty field. */
    void row(Object... fields) throws SQLException {
      for (int i = 0; i < fields.length; i++) {
        if (i > 0) {
          pending.append(',');
        }
        if (fields[i] != null) {
          pending.append('"').append(fields[i].toString().replace("\"", "\"\"")).append('"');
        }
      }
      pending.append('\n');
      if (pending.length() >= SEND_AT) {
        send();
      }
    }

    void end() throws SQLException {
      send();
      in.endCopy();
    }

    private void send() throws SQLException {
      byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
      in.writeToCopy(bytes, 0, bytes.length);
      pending.setLength(0);
    }

    @Override
    public void close() throws SQLException {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
  }
}
