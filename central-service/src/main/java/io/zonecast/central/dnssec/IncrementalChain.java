package io.zonecast.central.dnssec;

import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base32;

/**
 * The NSEC3 chain (RFC 5155 section 7.1, the parameters of {@link DenialChain}) kept up by a change
 * without reading the whole zone: only the hashes of the names the change reaches (the changed
 * names and their ancestors, which may turn into or stop being empty non-terminals) are computed,
 * and only their stored neighbours in hash order are read, to re-link the chain where a hash is
 * added or removed. The result is what {@link DenialChain#nsec3} would give for those owners.
 */
@Component
class IncrementalChain {

  private static final base32 BASE32HEX = new base32(base32.Alphabet.BASE32HEX, false, true);

  private final JdbcTemplate jdbc;

  IncrementalChain(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The NSEC3 records, after the change, of every owner it reaches: owner → its record, or null
   * where the record must go. {@code shape} holds the types of {@code names} (and of their
   * ancestors) as they are after the change.
   */
  Map<Name, Record> nsec3(UUID zoneId, ZoneShape shape, Collection<Name> names, long ttl) {
    Name apex = shape.apex;
    NSEC3PARAMRecord param = DenialChain.nsec3param(apex);
    // hash → the bitmap it must have, or null where no NSEC3 belongs
    Map<String, int[]> desired = new TreeMap<>();
    for (Name name : names) {
      desired.put(
          hash(param, name), inChain(zoneId, shape, name) ? shape.bitmap(name, Type.NSEC3) : null);
    }
    TreeMap<String, NSEC3Record> stored = new TreeMap<>(load(zoneId, apex, desired.keySet()));
    Set<String> changed = new TreeSet<>();
    int removed = 0;
    for (Map.Entry<String, int[]> want : desired.entrySet()) {
      boolean has = stored.containsKey(want.getKey());
      if (has != (want.getValue() != null)) {
        changed.add(want.getKey());
        removed += has ? 1 : 0;
      }
    }
    // k stored neighbours each side: at least one of them survives the removals
    int k = removed + 1;
    for (String hash : changed) {
      neighbours(zoneId, apex, hash, k, stored);
    }
    TreeMap<String, NSEC3Record> after = new TreeMap<>(stored);
    desired.forEach((hash, bitmap) -> {
      if (bitmap == null) {
        after.remove(hash);
      } else if (!after.containsKey(hash)) {
        after.put(hash, null);
      }
    });
    // the next hashed owner of each added hash and of the predecessor of each changed one
    Map<String, String> next = new HashMap<>();
    for (String hash : changed) {
      if (after.containsKey(hash)) {
        next.put(hash, following(after, hash));
      }
      String predecessor = after.lowerKey(hash) != null ? after.lowerKey(hash) : after.lastKey();
      next.put(predecessor, following(after, predecessor));
    }
    Map<Name, Record> records = new LinkedHashMap<>();
    after.forEach((hash, record) -> {
      int[] bitmap = desired.containsKey(hash) ? desired.get(hash) : record.getTypes();
      byte[] nextHash =
          next.containsKey(hash) ? BASE32HEX.fromString(next.get(hash)) : record.getNext();
      records.put(
          owner(hash, apex),
          new NSEC3Record(
              owner(hash, apex),
              DClass.IN,
              ttl,
              NSEC3Record.SHA1_DIGEST_ID,
              0,
              DenialChain.ITERATIONS,
              DenialChain.SALT,
              nextHash,
              bitmap));
    });
    stored.keySet().stream()
        .filter(h -> !after.containsKey(h))
        .forEach(h -> records.put(owner(h, apex), null));
    return records;
  }

  /**
   * In the chain: an authoritative name with data, or an empty non-terminal (RFC 5155 section 7.1):
   * a name without data of its own that has some below it.
   */
  private boolean inChain(UUID zoneId, ZoneShape shape, Name name) {
    if (shape.isOccluded(name)) {
      return false;
    }
    if (name.equals(shape.apex) || !shape.types(name).isEmpty()) {
      return true;
    }
    String suffix = "%." + name.toString().toLowerCase(Locale.ROOT);
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            """
            select exists (select 1 from recordsets s where s.zone_id = ? and s.name like ?
                             and exists (select 1 from records r where r.recordset_id = s.id))
            """,
            Boolean.class,
            zoneId,
            suffix.replace("_", "\\_")));
  }

  private static String following(TreeMap<String, ?> chain, String hash) {
    String higher = chain.higherKey(hash);
    return higher != null ? higher : chain.firstKey();
  }

  private Map<String, NSEC3Record> load(UUID zoneId, Name apex, Collection<String> hashes) {
    Map<String, NSEC3Record> records = new HashMap<>();
    for (String hash : hashes) {
      jdbc.query(
          "select name, ttl, data from zone_dnssec_records where zone_id = ? and type = 'NSEC3'"
              + " and name = ?",
          rs -> {
            put(records, rs.getString("name"), rs.getLong("ttl"), rs.getString("data"), apex);
          },
          zoneId,
          owner(hash, apex).toString());
    }
    return records;
  }

  /** The k stored NSEC3 records before and after {@code hash} in hash order, wrapping around. */
  private void neighbours(
      UUID zoneId, Name apex, String hash, int k, Map<String, NSEC3Record> into) {
    String at = owner(hash, apex).toString();
    String select =
        "select name, ttl, data from zone_dnssec_records where zone_id = ? and type = 'NSEC3' ";
    int below =
        collect(
            select + "and name collate \"C\" < ? order by name collate \"C\" desc limit ?",
            apex,
            into,
            zoneId,
            at,
            k);
    if (below < k) {
      collect(select + "order by name collate \"C\" desc limit ?", apex, into, zoneId, k);
    }
    int above =
        collect(
            select + "and name collate \"C\" > ? order by name collate \"C\" limit ?",
            apex,
            into,
            zoneId,
            at,
            k);
    if (above < k) {
      collect(select + "order by name collate \"C\" limit ?", apex, into, zoneId, k);
    }
  }

  private int collect(String sql, Name apex, Map<String, NSEC3Record> into, Object... args) {
    int[] rows = {0};
    jdbc.query(
        sql,
        rs -> {
          rows[0]++;
          put(into, rs.getString("name"), rs.getLong("ttl"), rs.getString("data"), apex);
        },
        args);
    return rows[0];
  }

  private static void put(
      Map<String, NSEC3Record> into, String owner, long ttl, String data, Name apex) {
    try {
      Name name = Name.fromString(owner, Name.root);
      into.put(
          name.getLabelString(0).toLowerCase(Locale.ROOT),
          (NSEC3Record) Record.fromString(name, Type.NSEC3, DClass.IN, ttl, data, apex));
    } catch (IOException e) {
      throw new IllegalStateException("stored NSEC3 unusable: " + owner + " " + data, e);
    }
  }

  static String hash(NSEC3PARAMRecord param, Name name) {
    try {
      return BASE32HEX.toString(param.hashName(name));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is not available", e);
    }
  }

  static Name owner(String hash, Name apex) {
    try {
      return Name.concatenate(Name.fromString(hash), apex);
    } catch (IOException e) {
      throw new IllegalStateException("cannot name the NSEC3 of " + hash + " in " + apex, e);
    }
  }
}
