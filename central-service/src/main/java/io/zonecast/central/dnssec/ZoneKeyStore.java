package io.zonecast.central.dnssec;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** The zones' keys in {@code zone_keys}; private halves only ever leave it decrypted to sign. */
@Component
class ZoneKeyStore {

  private final JdbcTemplate jdbc;
  private final KeyEncryption encryption;

  ZoneKeyStore(JdbcTemplate jdbc, KeyEncryption encryption) {
    this.jdbc = jdbc;
    this.encryption = encryption;
  }

  /** A new key, published and active at {@code now}. */
  ZoneKey create(
      UUID zoneId, String apex, ZoneKey.Role role, DnssecAlgorithm algorithm, LocalDateTime now) {
    return create(zoneId, apex, role, algorithm, ZoneKey.ACTIVE, now, now, now);
  }

  /**
   * A new key in {@code state}, made at {@code now}, published at {@code publishedAt} and signing
   * from {@code activeAt} (either null while unknown: a KSK waiting for its DS at the parent).
   */
  ZoneKey create(
      UUID zoneId,
      String apex,
      ZoneKey.Role role,
      DnssecAlgorithm algorithm,
      String state,
      LocalDateTime now,
      LocalDateTime publishedAt,
      LocalDateTime activeAt) {
    UUID id = UUID.randomUUID();
    KeyPair pair = algorithm.generate();
    DNSKEYRecord dnskey;
    try {
      dnskey =
          new DNSKEYRecord(
              Name.fromString(apex, Name.root),
              DClass.IN,
              0,
              role.flags,
              DNSKEYRecord.Protocol.DNSSEC,
              algorithm.number(),
              pair.getPublic());
    } catch (DNSSEC.DNSSECException | TextParseException e) {
      throw new IllegalStateException("cannot make a DNSKEY of a new " + algorithm + " key", e);
    }
    byte[] plain = pair.getPrivate().getEncoded();
    byte[] sealed = encryption.encrypt(id, plain);
    Arrays.fill(plain, (byte) 0);
    jdbc.update(
        """
        insert into zone_keys (id, zone_id, role, algorithm, flags, key_tag, public_key,
          private_key, state, created_at, published_at, active_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        id,
        zoneId,
        role.name(),
        algorithm.number(),
        role.flags,
        dnskey.getFootprint(),
        dnskey.rdataToString(),
        sealed,
        state,
        now,
        publishedAt,
        activeAt);
    return find(zoneId).stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow();
  }

  /** The zone's keys, KSKs first. */
  List<ZoneKey> find(UUID zoneId) {
    return jdbc.query(
        """
        select k.*, z.name as apex from zone_keys k join zones z on z.id = k.zone_id
        where k.zone_id = ? order by k.role, k.created_at, k.id
        """,
        ZoneKeyStore::key,
        zoneId);
  }

  PrivateKey privateKey(ZoneKey key) {
    byte[] sealed =
        jdbc.queryForObject(
            "select private_key from zone_keys where id = ?", byte[].class, key.id());
    byte[] plain = encryption.decrypt(key.id(), sealed);
    try {
      return key.algorithm().privateKey(plain);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /** Signing from {@code now}; a KSK of a double-DS rollover is also published (served) now. */
  void activate(ZoneKey key, LocalDateTime now) {
    jdbc.update(
        "update zone_keys set state = ?, active_at = ?, published_at = coalesce(published_at, ?)"
            + " where id = ?",
        ZoneKey.ACTIVE,
        now,
        now,
        key.id());
  }

  /** The parent publishes the key's DS since {@code now}; the key goes live at {@code activeAt}. */
  void dsPublished(ZoneKey key, LocalDateTime now, LocalDateTime activeAt) {
    jdbc.update(
        "update zone_keys set ds_published_at = ?, active_at = ? where id = ?",
        now,
        activeAt,
        key.id());
  }

  void retire(ZoneKey key, LocalDateTime now, LocalDateTime removeAt) {
    jdbc.update(
        "update zone_keys set state = ?, retire_at = ?, remove_at = ? where id = ?",
        ZoneKey.RETIRED,
        now,
        removeAt,
        key.id());
  }

  void delete(ZoneKey key) {
    jdbc.update("delete from zone_keys where id = ?", key.id());
  }

  void deleteAll(UUID zoneId) {
    jdbc.update("delete from zone_keys where zone_id = ?", zoneId);
  }

  private static ZoneKey key(ResultSet rs, int row) throws SQLException {
    try {
      Name apex = Name.fromString(rs.getString("apex"), Name.root);
      DNSKEYRecord dnskey =
          (DNSKEYRecord)
              org.xbill.DNS.Record.fromString(
                  apex, org.xbill.DNS.Type.DNSKEY, DClass.IN, 0, rs.getString("public_key"), apex);
      return new ZoneKey(
          rs.getObject("id", UUID.class),
          rs.getObject("zone_id", UUID.class),
          ZoneKey.Role.valueOf(rs.getString("role")),
          DnssecAlgorithm.of(rs.getInt("algorithm")),
          rs.getInt("key_tag"),
          dnskey,
          rs.getString("state"),
          time(rs, "created_at"),
          time(rs, "published_at"),
          time(rs, "active_at"),
          time(rs, "retire_at"),
          time(rs, "remove_at"),
          time(rs, "ds_published_at"));
    } catch (java.io.IOException e) {
      throw new SQLException("unusable DNSKEY stored for key " + rs.getString("id"), e);
    }
  }

  private static LocalDateTime time(ResultSet rs, String column) throws SQLException {
    Timestamp at = rs.getTimestamp(column);
    return at == null ? null : at.toLocalDateTime();
  }
}
