package io.zonecast.minidns.zonesource;

import io.zonecast.minidns.system.MiniDnsProperties;
import io.zonecast.model.postgres.PostgresChannels;
import io.zonecast.runtime.postgres.PostgresChannelListener;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens on PostgreSQL's {@code zonecast_zone_changed} channel (announced by a trigger on zones at
 * every commit that changes a serial, a name, or the set of zones) over a connection of its own.
 * Each announcement moves the generation on; whatever was read in an older generation may be stale.
 * While the connection is down nothing can be trusted to be current, so {@link #listening()} is
 * false and readers go to the database.
 */
@Component
class ZoneChangeFeed implements SmartLifecycle, PostgresChannelListener.Events {

  static final String CHANNEL = PostgresChannels.ZONE_CHANGED;

  private final AtomicLong generation = new AtomicLong();
  private final PostgresChannelListener listener;

  @Autowired
  ZoneChangeFeed(DataSourceProperties database, MiniDnsProperties properties) {
    this.listener =
        properties.zoneCache().enabled()
            ? new PostgresChannelListener(
                CHANNEL,
                PostgresChannelListener.Connector.driverManager(
                    database.determineUrl(),
                    database.determineUsername(),
                    database.determinePassword(),
                    "zonecast-minidns-zone-changes"),
                this)
            : null;
  }

  ZoneChangeFeed() {
    this.listener = null;
  }

  /** A feed that never listens: nothing read through it counts as current. */
  static ZoneChangeFeed silent() {
    return new ZoneChangeFeed();
  }

  /** True while announcements are being received, so what was read since is current. */
  boolean listening() {
    return listener != null && listener.listening();
  }

  /** Moves on with every announcement and every loss of the connection. */
  long generation() {
    return generation.get();
  }

  @Override
  public void connected() {
    generation.incrementAndGet();
  }

  @Override
  public void notified(PGNotification[] notifications) {
    generation.incrementAndGet();
  }

  @Override
  public void disconnected() {
    generation.incrementAndGet();
  }

  @Override
  public void start() {
    if (listener != null) {
      listener.start();
    }
  }

  @Override
  public void stop() {
    if (listener != null) {
      listener.stop();
    }
  }

  @Override
  public boolean isRunning() {
    return listener != null && listener.isRunning();
  }
}
