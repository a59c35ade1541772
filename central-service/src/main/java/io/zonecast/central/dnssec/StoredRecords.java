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

  /**
   * Which stored records a slice of signing owns: all, those of the denial chain (NSEC, NSEC3 and
   * their RRSIGs), or the others (the RRSIGs of the zone's data and the apex's DNSKEY, CDS, CDNSKEY
   * and NSEC3PARAM with theirs). A name may hold both kinds (NSEC chains).
   */
  enum Kind {
    ALL(""),
    CHAIN(" and (type in ('NSEC', 'NSEC3') or covered in ('NSEC', 'NSEC3'))"),
    DATA(
        " and type not in ('NSEC', 'NSEC3')"
            + " and (covered is null or covered not in ('NSEC', 'NSEC3'))");

    final String condition;

    Kind(String condition) {
      this.condition = condition;
    }
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
              Row row = row(rs);
              rows.computeIfAbsent(row.key(), k -> new ArrayList<>()).add(row);
            });
    return rows;
  }

  /** A slice's stored records and signatures, each by RRset (signatures by the RRset they sign). */
  record Loaded(Map<RRsetKey, List<Row>> records, Map<RRsetKey, List<Row>> signatures) {}

  /** The records of {@code kind} at the names {@code where} selects: one statement. */
  Loaded load(UUID zoneId, NameFilter where, Kind kind) {
    Loaded loaded = new Loaded(new LinkedHashMap<>(), new LinkedHashMap<>());
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("zone", zoneId);
    new NamedParameterJdbcTemplate(jdbc)
        .query(
            "select id, name, type, covered, ttl, data, expires_at from zone_dnssec_records"
                + " where zone_id = :zone"
                + where.sql("name", parameters)
                + kind.condition
                + " order by id",
            parameters,
            rs -> {
              Row row = row(rs);
              (row.type().equals("RRSIG") ? loaded.signatures() : loaded.records())
                  .computeIfAbsent(row.key(), k -> new ArrayList<>())
                  .add(row);
            });
    return loaded;
  }

  private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Row(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("type"),
        rs.getString("covered"),
        rs.getLong("ttl"),
        rs.getString("data"),
        rs.getTimestamp("expires_at") == null
            ? null
            : rs.getTimestamp("expires_at").toLocalDateTime());
  }

  /** Removes {@code rows} (one statement). */
  void delete(List<Row> rows) {
    if (!rows.isEmpty()) {
      jdbc.update(
          "delete from zone_dnssec_records where id = any(?)",
          (Object) rows.stream().map(Row::id).toArray(Long[]::new));
    }
  }

  /** Stores {@code records} (one statement); returns them as served, for the journal. */
  List<JournalRecord> insert(UUID zoneId, List<Record> records) {
    int n = records.size();
    List<JournalRecord> served = new ArrayList<>(n);
    String[] covered = new String[n];
    String[] expires = new String[n]; // ISO text: pgjdbc sends no timestamp arrays
    for (int i = 0; i < n; i++) {
      Record record = records.get(i);
      served.add(
          new JournalRecord(
              record.getName().toString().toLowerCase(Locale.ROOT),
              Type.string(record.getType()),
              record.getTTL(),
              record.rdataToString()));
      if (record instanceof RRSIGRecord sig) {
        covered[i] = Type.string(sig.getTypeCovered());
        expires[i] = LocalDateTime.ofInstant(sig.getExpire(), ZoneOffset.UTC).toString();
      }
    }
    if (n == 0) {
      return served;
    }
    jdbc.update(
        """
        insert into zone_dnssec_records (zone_id, name, type, covered, ttl, data, expires_at)
        select ?, r.name, r.type, r.covered, r.ttl, r.data, r.expires_at
        from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[], ?::text[],
                    ?::timestamp[]) as r(name, type, covered, ttl, data, expires_at)
        """,
        zoneId,
        served.stream().map(JournalRecord::name).toArray(String[]::new),
        served.stream().map(JournalRecord::type).toArray(String[]::new),
        covered,
        served.stream().map(JournalRecord::ttl).toArray(Long[]::new),
        served.stream().map(JournalRecord::data).toArray(String[]::new),
        expires);
    return served;
  }
}
