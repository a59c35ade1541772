package io.zonecast.central.recordset;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes many recordsets of one new zone at once (a zone import): a few multi-row inserts instead
 * of a statement per row. The rdata must already be checked and canonical.
 */
@Component
public class RecordsetBulkWriter {

  /** Records per insert statement; PostgreSQL arrays of this size stay well under any limit. */
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
   * Inserts the recordsets (status PENDING, action CREATE, at {@code serial}), telling {@code
   * progress} the number of records written so far after each chunk.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void insert(
      UUID zoneId,
      String projectId,
      long serial,
      List<NewRecords> recordsets,
      LongConsumer progress) {
    Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock));
    Chunk chunk = new Chunk();
    long written = 0;
    for (NewRecords recordset : recordsets) {
      UUID id = UUID.randomUUID();
      chunk.recordsetIds.add(id);
      chunk.names.add(recordset.name());
      chunk.types.add(recordset.type());
      chunk.ttls.add(recordset.ttl());
      for (int i = 0; i < recordset.data().size(); i++) {
        chunk.recordIds.add(UUID.randomUUID());
        chunk.recordsetOfRecord.add(id);
        chunk.data.add(recordset.data().get(i));
        chunk.positions.add(i);
      }
      if (chunk.recordIds.size() >= CHUNK) {
        written += write(chunk, zoneId, projectId, serial, now);
        progress.accept(written);
        chunk = new Chunk();
      }
    }
    if (!chunk.recordsetIds.isEmpty()) {
      written += write(chunk, zoneId, projectId, serial, now);
      progress.accept(written);
    }
  }

  private static final class Chunk {
    final List<UUID> recordsetIds = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    final List<String> types = new ArrayList<>();
    final List<Integer> ttls = new ArrayList<>();
    final List<UUID> recordIds = new ArrayList<>();
    final List<UUID> recordsetOfRecord = new ArrayList<>();
    final List<String> data = new ArrayList<>();
    final List<Integer> positions = new ArrayList<>();
  }

  private int write(Chunk chunk, UUID zoneId, String projectId, long serial, Timestamp now) {
    jdbc.execute((java.sql.Connection connection) -> {
      try (var statement =
          connection.prepareStatement(
              """
              insert into recordsets
                (id, zone_id, project_id, name, type, ttl, managed, status, action, serial,
                 version, created_at)
              select id, ?, ?, name, type, ttl, false, 'PENDING', 'CREATE', ?, 1, ?
              from unnest(?::uuid[], ?::text[], ?::text[], ?::int[]) as t(id, name, type, ttl)
              """)) {
        statement.setObject(1, zoneId);
        statement.setString(2, projectId);
        statement.setLong(3, serial);
        statement.setTimestamp(4, now);
        statement.setArray(5, connection.createArrayOf("uuid", chunk.recordsetIds.toArray()));
        statement.setArray(6, connection.createArrayOf("text", chunk.names.toArray()));
        statement.setArray(7, connection.createArrayOf("text", chunk.types.toArray()));
        statement.setArray(8, connection.createArrayOf("int4", chunk.ttls.toArray()));
        statement.executeUpdate();
      }
      try (var statement =
          connection.prepareStatement(
              """
              insert into records (id, recordset_id, zone_id, data, position)
              select id, recordset_id, ?, data, position
              from unnest(?::uuid[], ?::uuid[], ?::text[], ?::int[])
                as t(id, recordset_id, data, position)
              """)) {
        statement.setObject(1, zoneId);
        statement.setArray(2, connection.createArrayOf("uuid", chunk.recordIds.toArray()));
        statement.setArray(3, connection.createArrayOf("uuid", chunk.recordsetOfRecord.toArray()));
        statement.setArray(4, connection.createArrayOf("text", chunk.data.toArray()));
        statement.setArray(5, connection.createArrayOf("int4", chunk.positions.toArray()));
        statement.executeUpdate();
      }
      return null;
    });
    return chunk.recordIds.size();
  }
}
