package io.zonecast.minidns.zonesource;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the TSIG keys central stores (table tsigkeys) and which pool a zone belongs to. */
@Component
public class TsigKeySource {

  /** One row of tsigkeys, as central validated it (the secret is base64). */
  public record StoredKey(
      String name, String algorithm, String secret, String scope, UUID resourceId) {}

  private final JdbcTemplate jdbc;

  TsigKeySource(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  public List<StoredKey> all() {
    return jdbc.query(
        "select name, algorithm, secret, scope, resource_id from published.tsigkeys",
        (rs, row) ->
            new StoredKey(
                rs.getString("name"),
                rs.getString("algorithm"),
                rs.getString("secret"),
                rs.getString("scope"),
                rs.getObject("resource_id", UUID.class)));
  }

  public Optional<UUID> poolOf(UUID zoneId) {
    return jdbc
        .query(
            "select pool_id from published.zones where id = ?",
            (rs, row) -> rs.getObject("pool_id", UUID.class),
            zoneId)
        .stream()
        .findFirst();
  }
}
