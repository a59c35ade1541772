package io.zonecast.minidns.zonesource;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The SECONDARY zones central publishes, for the NOTIFYs of their masters. */
@Component
public class SecondaryZones {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final JdbcTemplate jdbc;

  SecondaryZones(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /** The SECONDARY zone of that name (absolute, any case). */
  public Optional<SecondaryZone> named(String name) {
    return jdbc
        .query(
            """
            select z.id, z.name, z.pool_id, z.serial, m.masters::text as masters
            from published.zones z join published.zone_masters m on m.zone_id = z.id
            where z.type = 'SECONDARY' and z.name = ?
            """,
            (rs, row) ->
                new SecondaryZone(
                    rs.getObject("id", UUID.class),
                    rs.getString("name"),
                    rs.getObject("pool_id", UUID.class),
                    rs.getLong("serial"),
                    List.copyOf(JSON.readValue(rs.getString("masters"), STRINGS))),
            name.toLowerCase())
        .stream()
        .findFirst();
  }
}
