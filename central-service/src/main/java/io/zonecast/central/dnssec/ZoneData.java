package io.zonecast.central.dnssec;

import io.zonecast.central.journal.JournalRecord;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** The zone's own recordsets, as signing reads them: names, types and RRsets as MiniDNS serves. */
@Component
class ZoneData {

  /** More names than this are not put in an IN list: the zone's records are read and filtered. */
  private static final int BATCH_NAMES = 1000;

  private final NamedParameterJdbcTemplate jdbc;

  ZoneData(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The zone's names with data, {@code limit} after {@code after} in the database's order. */
  List<String> namesAfter(UUID zoneId, String after, int limit) {
    return jdbc.queryForList(
        """
        select distinct s.name from recordsets s
        where s.zone_id = :zone and s.name > :after
          and exists (select 1 from records r where r.recordset_id = s.id)
        order by s.name limit :limit
        """,
        Map.of("zone", zoneId, "after", after, "limit", limit),
        String.class);
  }

  /**
   * The zone's name → types, from its recordsets (the SOA's own recordset excepted); of {@code
   * names} only unless null.
   */
  Map<Name, Set<Integer>> types(UUID zoneId, Collection<Name> names) {
    if (names != null && names.isEmpty()) {
      return new HashMap<>();
    }
    return types(zoneId, names == null ? NameFilter.range(null, null) : NameFilter.of(names));
  }

  /** As {@link #types(UUID, Collection)}, at the names {@code where} selects. */
  Map<Name, Set<Integer>> types(UUID zoneId, NameFilter where) {
    Map<Name, Set<Integer>> types = new HashMap<>();
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("zone", zoneId);
    jdbc.query(
        """
        select s.name, s.type from recordsets s
        where s.zone_id = :zone and s.type <> 'SOA'
          and exists (select 1 from records r where r.recordset_id = s.id)
        """
            + where.sql("s.name", parameters),
        parameters,
        rs -> {
          types
              .computeIfAbsent(ZoneSigner.name(rs.getString("name")), n -> new TreeSet<>())
              .add(Type.value(rs.getString("type")));
        });
    return types;
  }

  /**
   * The zone's own RRsets among {@code keys} (the SOA and {@code signerOwned} excepted), read at
   * the names {@code range} selects, else at the keys' names.
   */
  Map<RRsetKey, RRset> rrsets(
      UUID zoneId, Name apex, Set<RRsetKey> keys, Set<RRsetKey> signerOwned, NameFilter range) {
    Set<String> names = new TreeSet<>();
    for (RRsetKey key : keys) {
      if (!signerOwned.contains(key) && key.type() != Type.SOA) {
        names.add(key.name().toString());
      }
    }
    Map<RRsetKey, RRset> rrsets = new HashMap<>();
    if (names.isEmpty()) {
      return rrsets;
    }
    String sql =
        """
        select s.name, s.type, coalesce(s.ttl, z.ttl) as ttl, r.data
        from records r join recordsets s on s.id = r.recordset_id join zones z on z.id = s.zone_id
        where s.zone_id = :zone and s.type <> 'SOA'
        """;
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("zone", zoneId);
    if (range != null) {
      sql += range.sql("s.name", parameters);
    } else if (names.size() <= BATCH_NAMES) {
      sql += " and s.name in (:names)";
      parameters.put("names", List.copyOf(names));
    }
    jdbc.query(
        sql + " order by s.name, s.type, r.position",
        parameters,
        rs -> {
          RRsetKey key =
              new RRsetKey(ZoneSigner.name(rs.getString("name")), Type.value(rs.getString("type")));
          if (keys.contains(key)) {
            Record record =
                ZoneSigner.parse(
                    new JournalRecord(
                        rs.getString("name"),
                        rs.getString("type"),
                        rs.getLong("ttl"),
                        rs.getString("data")),
                    apex);
            rrsets.computeIfAbsent(key, k -> new RRset()).addRR(record);
          }
        });
    return rrsets;
  }
}
