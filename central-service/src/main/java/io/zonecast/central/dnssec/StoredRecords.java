package io.zonecast.central.dnssec;

import io.zonecast.central.journal.JournalRecord;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** The records signing added to zones, in {@code zone_dnssec_records}, as MiniDNS serves them. */
@Component
class StoredRecords {

  /** One stored record; {@code covered} is the type an RRSIG signs, else null. */
  record Row(
      long id,
      String name,
      String type,
      String covered,
      long ttl,
      String data,
      LocalDateTime expiresAt) {

    JournalRecord served() {
      return new JournalRecord(name, type, ttl, data);
    }

    /** The RRset this record belongs to, or for an RRSIG the RRset it signs. */
    RRsetKey key() {
      try {
        return new RRsetKey(
            Name.fromString(name, Name.root), Type.value(covered != null ? covered : type));
      } catch (TextParseException e) {
        throw new IllegalStateException("bad stored name " + name, e);
      }
    }
  }

  private final JdbcTemplate jdbc;

  StoredRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The zone's stored records by RRset: signatures under their covered RRset when {@code sigs}. */
  Map<RRsetKey, List<Row>> load(UUID zoneId, boolean sigs) {
    return load(zoneId, sigs, null);
  }

  /** As {@link #load(UUID, boolean)}, of the records at {@code names} only (all when null). */
  Map<RRsetKey, List<Row>> load(UUID zoneId, boolean sigs, Collection<Name> names) {
    Map<RRsetKey, List<Row>> rows = new LinkedHashMap<>();
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("zone", zoneId);
    if (names != null) {
      if (names.isEmpty()) {
        return rows;
      }
      parameters.put(
          "names", names.stream().map(n -> n.toString().toLowerCase(Locale.ROOT)).toList());
    }
    new NamedParameterJdbcTemplate(jdbc)
        .query(
            "select id, name, type, covered, ttl, data, expires_at from zone_dnssec_records"
                + " where zone_id = :zone"
                + (sigs ? " and type = 'RRSIG'" : " and type <> 'RRSIG'")
                + (names != null ? " and name in (:names)" : "")
                + " order by id",
            parameters,
            rs -> {
              Row row =
                  new Row(
                      rs.getLong("id"),
                      rs.getString("name"),
                      rs.getString("type"),
                      rs.getString("covered"),
                      rs.getLong("ttl"),
                      rs.getString("data"),
                      rs.getTimestamp("expires_at") == null
                          ? null
                          : rs.getTimestamp("expires_at").toLocalDateTime());
              rows.computeIfAbsent(row.key(), k -> new ArrayList<>()).add(row);
            });
    return rows;
  }

  List<Row> all(UUID zoneId) {
    List<Row> rows = new ArrayList<>();
    load(zoneId, false).values().forEach(rows::addAll);
    load(zoneId, true).values().forEach(rows::addAll);
    return rows;
  }

  void delete(List<Row> rows) {
    jdbc.batchUpdate(
        "delete from zone_dnssec_records where id = ?",
        rows.stream().map(r -> new Object[] {r.id()}).toList());
  }

  /** Stores {@code records}; returns them as served, for the journal. */
  List<JournalRecord> insert(UUID zoneId, List<Record> records) {
    List<Object[]> rows = new ArrayList<>();
    List<JournalRecord> served = new ArrayList<>();
    for (Record record : records) {
      String name = record.getName().toString().toLowerCase(Locale.ROOT);
      String type = Type.string(record.getType());
      String covered = record instanceof RRSIGRecord sig ? Type.string(sig.getTypeCovered()) : null;
      String data = record.rdataToString();
      LocalDateTime expires =
          record instanceof RRSIGRecord sig
              ? LocalDateTime.ofInstant(sig.getExpire(), ZoneOffset.UTC)
              : null;
      rows.add(new Object[] {zoneId, name, type, covered, record.getTTL(), data, expires});
      served.add(new JournalRecord(name, type, record.getTTL(), data));
    }
    jdbc.batchUpdate(
        """
        insert into zone_dnssec_records (zone_id, name, type, covered, ttl, data, expires_at)
        values (?, ?, ?, ?, ?, ?, ?)
        """,
        rows);
    return served;
  }
}
