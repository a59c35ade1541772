package io.zonecast.minidns.testing;

import io.zonecast.model.zone.ZoneRef;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Rows as central writes them, inserted straight into PostgreSQL for MiniDNS to serve. */
public final class ZoneRows {

  private final JdbcTemplate jdbc;

  public ZoneRows(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A zone with its SOA (serial {@code serial}), an NS and a www A record. */
  public ZoneRef zone(String prefix, UUID pool, long serial) {
    UUID id = UUID.randomUUID();
    String name = prefix + id.toString().substring(0, 8) + ".example.org.";
    jdbc.update(
        "insert into zones (id, project_id, pool_id, name, email, ttl, serial, status, action,"
            + " created_at) values (?, 'p', ?, ?, 'h@example.org', 300, ?, 'PENDING', 'CREATE',"
            + " now())",
        id,
        pool,
        name,
        serial);
    recordset(id, name, "SOA", "ns1.example.org. h.example.org. " + serial + " 3600 600 86400 300");
    recordset(id, name, "NS", "ns1.example.org.");
    recordset(id, "www." + name, "A", "192.0.2.7");
    return new ZoneRef(id, name, pool, serial);
  }

  public void recordset(UUID zone, String name, String type, String data) {
    recordset(zone, name, type, java.util.List.of(data));
  }

  /** One recordset holding a record per {@code data}. */
  public void recordset(UUID zone, String name, String type, java.util.List<String> data) {
    UUID rs = UUID.randomUUID();
    jdbc.update(
        "insert into recordsets (id, zone_id, project_id, name, type, managed, status, action,"
            + " serial, created_at) values (?, ?, 'p', ?, ?, false, 'PENDING', 'CREATE', 1, now())",
        rs,
        zone,
        name,
        type);
    for (String each : data) {
      jdbc.update(
          "insert into records (id, recordset_id, zone_id, data) values (?, ?, ?, ?)",
          UUID.randomUUID(),
          rs,
          zone,
          each);
    }
  }

  /** A TSIG key as /v2/tsigkeys stores it. */
  public void tsigKey(String name, String algorithm, String secret, String scope, UUID resource) {
    jdbc.update(
        "insert into tsigkeys (id, name, algorithm, secret, scope, resource_id, created_at)"
            + " values (?, ?, ?, ?, ?, ?, now())",
        UUID.randomUUID(),
        name,
        algorithm,
        secret,
        scope,
        resource);
  }
}
