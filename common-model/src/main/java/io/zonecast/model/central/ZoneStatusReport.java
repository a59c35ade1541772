package io.zonecast.model.central;

import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;

/**
 * Cast (pool manager to central): the propagation of {@code action} at {@code zone.serial} ended.
 * SUCCESS means enough nameservers serve that serial (for a DELETE: every target dropped the zone);
 * ERROR means that can no longer happen. {@code message} says why, for an ERROR.
 */
public record ZoneStatusReport(
    RequestContext context, ZoneRef zone, ZoneAction action, Outcome outcome, String message) {

  public static final String TYPE = "central.zone_status.v1";

  public enum Outcome {
    SUCCESS,
    ERROR
  }
}
