package io.zonecast.central.zone;

import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The zones moving between pools ({@code zone_pool_moves}) and the phase each is in. */
@Component
class PoolMoves {

  enum Phase {
    /** The zone is being added to the new pool's targets; the old pool still serves it. */
    ADDING,
    /** The new pool serves the zone; it is being removed from the old pool's targets. */
    LEAVING
  }

  /**
   * @param servedSerial the newest serial the new pool was seen serving (null while ADDING)
   */
  record Move(UUID zoneId, UUID fromPool, UUID toPool, Phase phase, Long servedSerial) {}

  private final JdbcTemplate jdbc;

  PoolMoves(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Move> find(UUID zoneId) {
    return jdbc
        .query(
            "select * from zone_pool_moves where zone_id = ?",
            (rs, row) ->
                new Move(
                    rs.getObject("zone_id", UUID.class),
                    rs.getObject("from_pool_id", UUID.class),
                    rs.getObject("to_pool_id", UUID.class),
                    Phase.valueOf(rs.getString("phase")),
                    (Long) rs.getObject("served_serial")),
            zoneId)
        .stream()
        .findFirst();
  }

  void start(UUID zoneId, UUID from, UUID to, String requestId, LocalDateTime now) {
    jdbc.update(
        """
        insert into zone_pool_moves
            (zone_id, from_pool_id, to_pool_id, phase, request_id, created_at)
        values (?, ?, ?, 'ADDING', ?, ?)
        """,
        zoneId,
        from,
        to,
        requestId,
        now);
  }

  void served(UUID zoneId, long serial, LocalDateTime now) {
    jdbc.update(
        """
        update zone_pool_moves set phase = 'LEAVING', served_serial = ?, updated_at = ?
        where zone_id = ?
        """,
        serial,
        now,
        zoneId);
  }

  void finished(UUID zoneId) {
    jdbc.update("delete from zone_pool_moves where zone_id = ?", zoneId);
  }
}
