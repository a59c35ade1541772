package io.zonecast.central.zonefile;

import io.zonecast.central.zone.Zone;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A zone as an RFC 1035 master file, in the layout of Designate's export: {@code $ORIGIN} and
 * {@code $TTL} (the zone's TTL), the SOA, the apex NS, then every other recordset by name and type,
 * with absolute names and a TTL only where a recordset has its own.
 */
@Component
class ZoneFileWriter {

  private final JdbcTemplate jdbc;

  ZoneFileWriter(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional(readOnly = true)
  String write(Zone zone) {
    StringBuilder file = new StringBuilder();
    file.append("$ORIGIN ").append(zone.getName()).append('\n');
    file.append("$TTL ").append(zone.getTtl()).append("\n\n");
    jdbc.query(
        """
        select s.name, s.type, s.ttl, r.data
        from recordsets s join records r on r.recordset_id = s.id
        where s.zone_id = ?
        order by s.type <> 'SOA', not (s.type = 'NS' and s.managed), s.name, s.type, r.position
        """,
        rs -> {
          file.append(rs.getString("name")).append(' ');
          Number ttl = (Number) rs.getObject("ttl");
          if (ttl != null) {
            file.append(ttl).append(' ');
          }
          file.append("IN ")
              .append(rs.getString("type"))
              .append(' ')
              .append(rs.getString("data"))
              .append('\n');
        },
        zone.getId());
    return file.toString();
  }
}
