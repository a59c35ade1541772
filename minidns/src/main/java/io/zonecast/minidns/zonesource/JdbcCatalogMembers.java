package io.zonecast.minidns.zonesource;

import io.zonecast.minidns.system.MiniDnsProperties;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
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
  private final JdbcTemplate streaming;
  private final TransactionTemplate snapshot;

  JdbcCatalogMembers(DataSource dataSource, MiniDnsProperties properties) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.streaming = new JdbcTemplate(dataSource);
    // a cursor, as for a zone's records (JdbcZoneSource): the members arrive in slices
    this.streaming.setFetchSize(properties.transferFetchSize());
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

  /**
   * Runs {@code work} on the pool's catalog as of one snapshot: the serial and the members it
   * streams belong together (RFC 5936 section 6). The members can be streamed only inside {@code
   * work}.
   */
  public <T> T inSnapshot(UUID poolId, Function<CatalogMembership, T> work) {
    return snapshot.execute(status -> {
      long serial = serial(poolId);
      return work.apply(
          new CatalogMembership() {
            @Override
            public long serial() {
              return serial;
            }

            @Override
            public void streamMembers(Consumer<Member> members) {
              streaming.query(
                  "select id, name from published.zones where pool_id = ? and action <> 'DELETE'"
                      + " order by id",
                  rs -> {
                    members.accept(
                        new Member(UUID.fromString(rs.getString("id")), rs.getString("name")));
                  },
                  poolId);
            }
          });
    });
  }
}
