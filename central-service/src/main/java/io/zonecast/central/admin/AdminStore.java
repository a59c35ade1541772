package io.zonecast.central.admin;

import io.zonecast.central.system.ApiException;
import io.zonecast.central.system.Caller;
import io.zonecast.central.system.ListQuery;
import io.zonecast.central.system.SqlListing;
import io.zonecast.central.system.UniqueViolation;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The handling every admin-only resource of the v2 API (TLDs, blacklists, TSIG keys) shares, as
 * Designate's admin policies and storage errors give it: each call needs the admin role, an unknown
 * id is a 404, a taken unique column a 409, and changes are stamped with the clock. The feature
 * keeps its fields, their checks and Designate's error codes; it calls this inside its own
 * transactions.
 *
 * @param <E> the resource's entity
 */
public final class AdminStore<E extends AdminEntity> {

  /**
   * A page of a list.
   *
   * @param total how many the filters select, all pages together
   */
  public record Page<E>(List<E> items, long total) {}

  private final JpaRepository<E, UUID> repository;
  private final NamedParameterJdbcTemplate jdbc;
  private final Clock clock;
  private final String resources;
  private final Function<UUID, ApiException> notFound;
  private final Function<E, ApiException> duplicate;

  /**
   * @param resources the resources as the 403 names them: "Only the admin role may list
   *     {resources}"
   * @param notFound the 404 for an unknown id
   * @param duplicate the 409 for an entity whose unique column another row has
   */
  public AdminStore(
      JpaRepository<E, UUID> repository,
      NamedParameterJdbcTemplate jdbc,
      Clock clock,
      String resources,
      Function<UUID, ApiException> notFound,
      Function<E, ApiException> duplicate) {
    this.repository = repository;
    this.jdbc = jdbc;
    this.clock = clock;
    this.resources = resources;
    this.notFound = notFound;
    this.duplicate = duplicate;
  }

  /**
   * The sort columns of {@code alias}'s table: created_at, id, updated_at (never null, for keyset
   * paging) and {@code column}, a sort key that has its column's name.
   */
  public static Map<String, String> sortColumns(String alias, String column) {
    return Map.of(
        "created_at",
        alias + ".created_at",
        "id",
        alias + ".id",
        "updated_at",
        "coalesce(" + alias + ".updated_at, timestamp '1970-01-01')",
        column,
        alias + "." + column);
  }

  /** Stores the entity {@code create} makes (and checks) at the clock's time. */
  public E create(Caller caller, Function<LocalDateTime, E> create) {
    caller.requireAdmin("create " + resources);
    return save(create.apply(now()));
  }

  public E get(Caller caller, UUID id) {
    caller.requireAdmin("read " + resources);
    return find(id);
  }

  /** Stores the entity after {@code amend} changed (and checked) it at the clock's time. */
  public E update(Caller caller, UUID id, BiConsumer<E, LocalDateTime> amend) {
    caller.requireAdmin("change " + resources);
    E entity = find(id);
    amend.accept(entity, now());
    return save(entity);
  }

  public void delete(Caller caller, UUID id) {
    caller.requireAdmin("delete " + resources);
    repository.delete(find(id));
  }

  /**
   * @param listing the table with the feature's filters
   * @param sortColumns each sort key the feature allows to its column
   */
  public Page<E> list(
      Caller caller, ListQuery query, SqlListing listing, Map<String, String> sortColumns) {
    caller.requireAdmin("list " + resources);
    SqlListing.Page page = listing.page(jdbc, query, sortColumns);
    return new Page<>(page.load(repository::findAllById, AdminEntity::getId), page.total());
  }

  private E save(E entity) {
    try {
      return repository.saveAndFlush(entity);
    } catch (DataIntegrityViolationException e) {
      if (UniqueViolation.any(e)) {
        throw duplicate.apply(entity);
      }
      throw e;
    }
  }

  private E find(UUID id) {
    return repository.findById(id).orElseThrow(() -> notFound.apply(id));
  }

  private LocalDateTime now() {
    return LocalDateTime.now(clock);
  }
}
