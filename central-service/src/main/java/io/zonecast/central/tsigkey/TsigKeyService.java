package io.zonecast.central.tsigkey;

import io.zonecast.central.admin.AdminStore;
import io.zonecast.central.pool.PoolCatalog;
import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.ListQuery;
import io.zonecast.central.system.SqlListing;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * TSIG keys, managed by admins only (Designate's tsigkey policies). A key's resource must exist: a
 * zone of any project for scope ZONE, a pool of the pools file for scope POOL (Designate bug
 * 1934120). MiniDNS reads the table and requires the key for the zone's transfers.
 */
@Service
class TsigKeyService {

  static final List<String> SORT_KEYS = List.of("created_at", "id", "updated_at", "name");
  static final Set<String> FILTERS = Set.of("name", "algorithm", "scope");

  private final PoolCatalog pools;
  private final NamedParameterJdbcTemplate jdbc;
  private final AdminStore<TsigKey> store;

  TsigKeyService(
      TsigKeyRepository keys, PoolCatalog pools, NamedParameterJdbcTemplate jdbc, Clock clock) {
    this.pools = pools;
    this.jdbc = jdbc;
    this.store =
        new AdminStore<>(
            keys,
            jdbc,
            clock,
            "tsigkeys",
            id -> ApiException.notFound("tsigkey_not_found", "Could not find TsigKey " + id),
            key ->
                ApiException.conflict(
                    "duplicate_tsigkey", "TsigKey " + key.fields().name() + " already exists"));
  }

  @Transactional
  TsigKey create(Caller caller, TsigKeyFields fields) {
    return store.create(
        caller,
        now -> {
          checkResource(fields);
          return new TsigKey(fields, now);
        });
  }

  @Transactional(readOnly = true)
  TsigKey get(Caller caller, UUID id) {
    return store.get(caller, id);
  }

  @Transactional
  TsigKey update(Caller caller, UUID id, UnaryOperator<TsigKeyFields> change) {
    return store.update(
        caller,
        id,
        (key, now) -> {
          TsigKeyFields fields = change.apply(key.fields());
          checkResource(fields);
          key.amend(fields, now);
        });
  }

  @Transactional
  void delete(Caller caller, UUID id) {
    store.delete(caller, id);
  }

  @Transactional(readOnly = true)
  AdminStore.Page<TsigKey> list(Caller caller, ListQuery query) {
    return store.list(
        caller,
        query,
        new SqlListing("tsigkeys t", "t.id")
            .text("t.name", query.filter("name"), UnaryOperator.identity(), false)
            .text("t.algorithm", query.filter("algorithm"), UnaryOperator.identity(), false)
            .text("t.scope", query.filter("scope"), UnaryOperator.identity(), false),
        AdminStore.sortColumns("t", "name"));
  }

  private void checkResource(TsigKeyFields fields) {
    UUID id = fields.resourceId();
    boolean exists =
        fields.scope().equals("POOL")
            ? pools.all().stream().anyMatch(pool -> pool.id().equals(id))
            : Boolean.TRUE.equals(
                jdbc.queryForObject(
                    "select exists (select 1 from zones where id = :id)",
                    Map.of("id", id),
                    Boolean.class));
    if (!exists) {
      throw ApiException.badRequest(
          "invalid_tsigkey",
          "Resource ID " + id + " is not a valid " + fields.scope().toLowerCase());
    }
  }
}
