package io.zonecast.model.postgres;

/** The PostgreSQL LISTEN/NOTIFY channels the services share. */
public final class PostgresChannels {

  /**
   * A zone's serial or name changed, or a zone came or went (announced by a trigger on zones;
   * payload: the zone's name, or {@code catalog:<pool>}).
   */
  public static final String ZONE_CHANGED = "zonecast_zone_changed";

  /**
   * Rows were added to {@code outbox_events} by a process other than central (MiniDNS's pulls of
   * SECONDARY zones), so central's relay need not wait for its next poll. Sent in the transaction
   * of the insert, so it is delivered at its commit (and not at all on a rollback); no payload.
   */
  public static final String OUTBOX = "zonecast_outbox";

  private PostgresChannels() {}
}
