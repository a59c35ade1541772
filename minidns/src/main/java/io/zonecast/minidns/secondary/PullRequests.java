package io.zonecast.minidns.secondary;

import io.zonecast.minidns.zonesource.SecondaryZone;
import io.zonecast.model.messaging.RequestContext;
import java.net.InetAddress;

/** Hands a SECONDARY zone's pull to central, which pulls and stores it. */
public interface PullRequests {

  /** One of the zone's masters, {@code master}, said the zone changed. */
  void notified(SecondaryZone zone, InetAddress master, RequestContext context);
}
