package io.zonecast.minidns.zonesource;

import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads catalog zones' serials and members. A pool that has never had a zone has no serial row yet:
 * its catalog is empty at serial {@value #NO_MEMBERS_YET}, below any serial the first member brings
 * (the time in seconds, schema V8).
 */
@Component
public class JdbcCatalogMembers {

  static final long NO_MEMBERS_YET = 1;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate snapshot;

  JdbcCatalogMembers(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.snapshot = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    this.snapshot.setReadOnly(true);
  }

  /** The pool's catalog serial alone, for SOA answers. */
  public long serial(UUID poolId) {
    List<Long> serials =
        jdbc.queryForList(
            "select serial from published.catalog_serials where pool_id = ?", Long.class, poolId);
    return serials.isEmpty() ? NO_MEMBERS_YET : serials.getFirst();
  }

  /** Serial and members of the pool's catalog, both from one snapshot. */
  public CatalogMembership membership(UUID poolId) {
    return snapshot.execute(status -> {
      long serial = serial(poolId);
      List<CatalogMembership.Member> members =
          jdbc.query(
              "select id, name from published.zones where pool_id = ? and action <> 'DELETE' order by id",
              (rs, row) ->
                  new CatalogMembership.Member(
                      UUID.fromString(rs.getString("id")), rs.getString("name")),
              poolId);
      return new CatalogMembership(serial, members);
    });
  }
}
