package io.zonecast.central.tsigkey;

import io.zonecast.central.pool.PoolCatalog;
import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.ListQuery;
import io.zonecast.central.system.SqlListing;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.dao.DataIntegrityViolationException;
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

  private final TsigKeyRepository keys;
  private final PoolCatalog pools;
  private final NamedParameterJdbcTemplate jdbc;
  private final Clock clock;

  TsigKeyService(
      TsigKeyRepository keys, PoolCatalog pools, NamedParameterJdbcTemplate jdbc, Clock clock) {
    this.keys = keys;
    this.pools = pools;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Transactional
  TsigKey create(Caller caller, TsigKeyFields fields) {
    caller.requireAdmin("create tsigkeys");
    checkResource(fields);
    return save(new TsigKey(fields, now()));
  }

  @Transactional(readOnly = true)
  TsigKey get(Caller caller, UUID id) {
    caller.requireAdmin("read tsigkeys");
    return find(id);
  }

  @Transactional
  TsigKey update(Caller caller, UUID id, UnaryOperator<TsigKeyFields> change) {
    caller.requireAdmin("change tsigkeys");
    TsigKey key = find(id);
    TsigKeyFields fields = change.apply(key.fields());
    checkResource(fields);
    key.amend(fields, now());
    return save(key);
  }

  @Transactional
  void delete(Caller caller, UUID id) {
    caller.requireAdmin("delete tsigkeys");
    keys.delete(find(id));
  }

  record Page(List<TsigKey> keys, long total) {}

  @Transactional(readOnly = true)
  Page list(Caller caller, ListQuery query) {
    caller.requireAdmin("list tsigkeys");
    SqlListing.Page page =
        new SqlListing("tsigkeys t", "t.id")
            .text("t.name", query.filter("name"), UnaryOperator.identity(), false)
            .text("t.algorithm", query.filter("algorithm"), UnaryOperator.identity(), false)
            .text("t.scope", query.filter("scope"), UnaryOperator.identity(), false)
            .page(
                jdbc,
                query,
                Map.of(
                    "created_at", "t.created_at",
                    "id", "t.id",
                    "updated_at", "coalesce(t.updated_at, timestamp '1970-01-01')",
                    "name", "t.name"));
    return new Page(page.load(keys::findAllById, TsigKey::getId), page.total());
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

  private TsigKey save(TsigKey key) {
    try {
      return keys.saveAndFlush(key);
    } catch (DataIntegrityViolationException e) {
      throw ApiException.conflict(
          "duplicate_tsigkey", "TsigKey " + key.fields().name() + " already exists");
    }
  }

  private TsigKey find(UUID id) {
    return keys.findById(id)
        .orElseThrow(
            () -> ApiException.notFound("tsigkey_not_found", "Could not find TsigKey " + id));
  }

  private LocalDateTime now() {
    return LocalDateTime.now(clock);
  }
}
