package io.zonecast.central.zone;

import io.zonecast.model.central.ZoneStatusReport;
import io.zonecast.model.central.ZoneStatusReport.Outcome;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.zone.ZoneAction;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The pool manager's reports about a zone that is moving between pools, turned into the steps of
 * the move. The zone stays PENDING throughout:
 *
 * <ol>
 *   <li>ADDING: a SUCCESS from the new pool at the zone's serial means its nameservers serve the
 *       zone; only then is the zone removed from the old pool's targets (phase LEAVING), so some
 *       pool serves it at every moment. An ERROR from the new pool puts the zone in ERROR (the pool
 *       manager re-drives it; its later SUCCESS continues the move).
 *   <li>LEAVING: a SUCCESS for the old pool's DELETE (every target dropped the zone and its
 *       nameservers no longer answer for it) ends the move: the zone becomes ACTIVE as for any
 *       change the new pool serves. An ERROR leaves it PENDING, and central's recovery sends the
 *       removal again.
 * </ol>
 */
@Component
class PoolMoveReports {

  private static final Logger log = LoggerFactory.getLogger(PoolMoveReports.class);

  private final PoolMoves moves;
  private final ZoneChanges changes;

  PoolMoveReports(PoolMoves moves, ZoneChanges changes) {
    this.moves = moves;
    this.changes = changes;
  }

  /**
   * The report the zone's status should follow: the report itself for a zone that is not moving,
   * another for a step of a move, or none when the move took it.
   */
  Optional<ZoneStatusReport> apply(Zone zone, ZoneStatusReport report) {
    PoolMoves.Move move = moves.find(zone.getId()).orElse(null);
    if (move == null) {
      return Optional.of(report);
    }
    if (zone.isBeingDeleted()) {
      // deleted mid-move: the zone is gone once its own pool dropped it, whatever the other does
      return report.zone().poolId().equals(zone.getPoolId())
          ? Optional.of(report)
          : Optional.empty();
    }
    boolean fromNewPool = report.zone().poolId().equals(move.toPool());
    boolean current = report.zone().serial() == zone.getSerial();
    if (fromNewPool && report.action() != ZoneAction.DELETE) {
      if (!current) {
        return Optional.empty();
      }
      if (report.outcome() == Outcome.ERROR) {
        return Optional.of(asZones(zone, report, "moving to pool " + move.toPool() + ": "));
      }
      moves.served(zone.getId(), zone.getSerial(), changes.now());
      if (move.phase() == PoolMoves.Phase.ADDING) {
        log.info(
            "zone {} served by pool {} at serial {}: removing it from pool {}",
            zone.getName(),
            move.toPool(),
            zone.getSerial(),
            move.fromPool());
        changes.leave(zone, move.fromPool(), report.context());
      }
      return Optional.empty();
    }
    if (report.zone().poolId().equals(move.fromPool())
        && report.action() == ZoneAction.DELETE
        && move.phase() == PoolMoves.Phase.LEAVING) {
      if (report.outcome() == Outcome.ERROR) {
        log.warn(
            "zone {} could not be removed from pool {} yet ({}): it is sent again",
            zone.getName(),
            move.fromPool(),
            report.message());
        return Optional.empty();
      }
      moves.finished(zone.getId());
      log.info(
          "zone {} moved from pool {} to pool {}", zone.getName(), move.fromPool(), move.toPool());
      return Optional.of(
          new ZoneStatusReport(
              report.context(),
              zone.ref().withSerial(move.servedSerial()),
              zone.getAction(),
              Outcome.SUCCESS,
              null));
    }
    return Optional.empty();
  }

  /** A report of the new pool about the zone's current change, as the zone's own action. */
  private static ZoneStatusReport asZones(Zone zone, ZoneStatusReport report, String prefix) {
    RequestContext context = report.context();
    return new ZoneStatusReport(
        context, report.zone(), zone.getAction(), report.outcome(), prefix + report.message());
  }
}
