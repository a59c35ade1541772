package io.zonecast.model.messaging;

import io.zonecast.model.central.SecondaryZoneNotified;
import io.zonecast.model.central.ZoneStatusReport;
import io.zonecast.model.minidns.NotifyZoneChanged;
import io.zonecast.model.minidns.PollForSerialNumber;
import io.zonecast.model.poolmanager.UpdateStatus;
import io.zonecast.model.poolmanager.ZoneChanged;
import java.util.Map;

/**
 * The AMQP topology, named once. Every message goes through one durable direct exchange; each
 * consumer has a durable queue bound with one routing key. Messages carry a logical type name (with
 * its version) in the type header, so renaming a Java class breaks nothing on the wire.
 */
public final class Messaging {

  public static final String EXCHANGE = "zonecast";

  /** Where messages go that a consumer could not read: they are logged and kept, not retried. */
  public static final String DEAD_LETTER_EXCHANGE = "zonecast.dead-letter";

  public static final String DEAD_LETTER_QUEUE = "zonecast.dead-letter";

  public static final Route ZONE_CHANGED =
      new Route("pool_manager.zone_changed", "zonecast.pool-manager.zone-changed");
  public static final Route UPDATE_STATUS =
      new Route("pool_manager.update_status", "zonecast.pool-manager.update-status");
  public static final Route NOTIFY_ZONE_CHANGED =
      new Route("minidns.notify_zone_changed", "zonecast.minidns.notify-zone-changed");
  public static final Route POLL_FOR_SERIAL_NUMBER =
      new Route("minidns.poll_for_serial_number", "zonecast.minidns.poll-for-serial-number");
  public static final Route ZONE_STATUS =
      new Route("central.zone_status", "zonecast.central.zone-status");
  public static final Route SECONDARY_ZONE_NOTIFIED =
      new Route("central.secondary_zone_notified", "zonecast.central.secondary-zone-notified");

  /** Logical type name to contract class, for the message converters of every service. */
  public static final Map<String, Class<?>> TYPES =
      Map.of(
          ZoneChanged.TYPE, ZoneChanged.class,
          UpdateStatus.TYPE, UpdateStatus.class,
          NotifyZoneChanged.TYPE, NotifyZoneChanged.class,
          PollForSerialNumber.TYPE, PollForSerialNumber.class,
          ZoneStatusReport.TYPE, ZoneStatusReport.class,
          SecondaryZoneNotified.TYPE, SecondaryZoneNotified.class);

  private Messaging() {}

  /** A routing key and the one queue bound to it on {@link #EXCHANGE}. */
  public record Route(String routingKey, String queue) {}
}
