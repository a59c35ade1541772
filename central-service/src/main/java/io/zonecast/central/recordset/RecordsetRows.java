package io.zonecast.central.recordset;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Inserts new recordsets and their records with one plain statement, the rows exactly as Hibernate
 * would persist the entities (version 0, the records' positions in order, a random id for each
 * record), without its persist and flush: a zone creation and a recordset creation are the API's
 * hottest writes, and Hibernate's work on them was the largest part of central's CPU per change.
 * Bigger batches (imports) go through {@link RecordsetBulkWriter}.
 */
@Component
class RecordsetRows {

  private static final String RECORDSET_VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)";

  private final JdbcTemplate jdbc;

  RecordsetRows(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The records' foreign key is checked at the end of the statement, when the recordsets are in.
   *
   * @throws org.springframework.dao.DataIntegrityViolationException as a flush would throw it (a
   *     recordset of that name and type exists: {@code recordsets_zone_name_type_key})
   */
  @Transactional(propagation = Propagation.MANDATORY)
  void insert(List<Recordset> recordsets) {
    List<Object> arguments = new ArrayList<>();
    List<String> sets = new ArrayList<>();
    for (Recordset recordset : recordsets) {
      sets.add(RECORDSET_VALUES);
      arguments.addAll(
          java.util.Arrays.asList(
              recordset.getId(),
              recordset.getZoneId(),
              recordset.getProjectId(),
              recordset.getName(),
              recordset.getType(),
              recordset.getTtl(),
              recordset.getDescription(),
              recordset.isManaged(),
              recordset.getStatus(),
              recordset.getAction(),
              recordset.getSerial(),
              recordset.getCreatedAt(),
              recordset.getUpdatedAt()));
    }
    List<String> records = new ArrayList<>();
    for (Recordset recordset : recordsets) {
      List<String> data = recordset.data();
      for (int position = 0; position < data.size(); position++) {
        records.add("(?, ?, ?, ?, ?)");
        arguments.addAll(
            List.of(
                UUID.randomUUID(),
                recordset.getId(),
                recordset.getZoneId(),
                data.get(position),
                position));
      }
    }
    String insertRecordsets =
        "insert into recordsets (id, zone_id, project_id, name, type, ttl, description, managed,"
            + " status, action, serial, version, created_at, updated_at) values "
            + String.join(", ", sets);
    jdbc.update(
        records.isEmpty()
            ? insertRecordsets
            : "with sets as ("
                + insertRecordsets
                + ") insert into records (id, recordset_id, zone_id, data, position) values "
                + String.join(", ", records),
        arguments.toArray());
  }
}
