package io.zonecast.central.zone;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A zone's row locked and read with plain JDBC for a change to its recordsets (the hot path of a
 * record change): no entity loaded, dirty-checked or flushed by Hibernate. The change writes the
 * row itself, together with the SOA's rewrite ({@link ZoneChanges}). The lock is the one
 * Hibernate's {@code PESSIMISTIC_WRITE} takes, so these changes and the entity paths' still exclude
 * each other.
 */
@Component
class ZoneRowLock {

  private static final String SELECT =
      """
      select z.id, z.project_id, z.pool_id, z.name, z.email, z.ttl, z.serial, z.status, z.action,
             z.type, z.description, z.status_message, z.version, z.created_at, z.updated_at,
             z.published_at, z.attributes::text as attributes, z.masters::text as masters,
             z.transferred_at,
             exists (select 1 from zone_shares s where s.zone_id = z.id) as shared
      from zones z where z.id = ? for no key update of z
      """;

  /**
   * The zone's row with its action, status, serial, times and version as a change leaves them, and
   * the SOA record rewritten for the new serial, in one statement.
   */
  private static final String WRITE_CHANGE =
      """
      with zone as (
        update zones set serial = ?, status = ?, action = ?, status_message = ?, updated_at = ?,
                         published_at = ?, version = version + 1
        where id = ?)
      update records set data = ?
      where recordset_id in (select id from recordsets where zone_id = ? and type = 'SOA')
      """;

  private final JdbcTemplate jdbc;

  ZoneRowLock(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  Optional<Zone> lock(UUID id) {
    return jdbc.query(SELECT, (rs, n) -> Zone.fromRow(rs), id).stream().findFirst();
  }

  @Transactional(propagation = Propagation.MANDATORY)
  void writeChange(Zone zone, String soaData) {
    jdbc.update(
        WRITE_CHANGE,
        zone.getSerial(),
        zone.getStatus().name(),
        zone.getAction().name(),
        zone.getStatusMessage(),
        zone.getUpdatedAt(),
        zone.getPublishedAt(),
        zone.getId(),
        soaData,
        zone.getId());
    zone.rowWritten();
  }
}
