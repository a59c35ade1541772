package io.zonecast.poolmanager.propagation;

import io.zonecast.model.central.ZoneStatusReport;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.zone.ZoneRef;
import java.util.List;
import java.util.Optional;

/**
 * What to do once the propagation state is committed: cast a round of NOTIFYs and polls, report a
 * verdict to central, or nothing. Sent only after the commit, so a crash in between loses a cast
 * that the restart re-casts, never a state that says a cast went out when it did not matter.
 */
record Decision(Optional<Round> round, Optional<ZoneStatusReport> report) {

  /**
   * NOTIFYs to the zone's targets and also_notifies at {@code zone.serial}, and polls for that
   * serial on the listed nameservers.
   */
  record Round(RequestContext context, ZoneRef zone, List<String> pollNameservers) {}

  static final Decision NOTHING = new Decision(Optional.empty(), Optional.empty());

  static Decision cast(Round round) {
    return new Decision(Optional.of(round), Optional.empty());
  }

  static Decision report(ZoneStatusReport report) {
    return new Decision(Optional.empty(), Optional.of(report));
  }
}
