package io.zonecast.central.outbox;

import io.zonecast.model.postgres.PostgresChannels;
import io.zonecast.runtime.postgres.PostgresChannelListener;
import org.postgresql.PGNotification;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Wakes the {@link OutboxRelay} when another process (MiniDNS, pulling a SECONDARY zone) commits an
 * outbox event and announces it on {@code zonecast_outbox}; central's own writes wake the relay
 * directly. Every central instance listens, and the relays' {@code SKIP LOCKED} share the rows out
 * as at a poll. While the connection is down the relay's poll delivers such events; on
 * (re)connecting the relay is woken once, for whatever was announced while nobody listened.
 */
@Component
class OutboxWakeUps implements SmartLifecycle, PostgresChannelListener.Events {

  /** How the listening connection is named in {@code pg_stat_activity}. */
  static final String APPLICATION_NAME = "zonecast-central-outbox-wake-ups";

  private final OutboxRelay relay;
  private final PostgresChannelListener listener;

  OutboxWakeUps(OutboxRelay relay, DataSourceProperties database) {
    this.relay = relay;
    this.listener =
        new PostgresChannelListener(
            PostgresChannels.OUTBOX,
            PostgresChannelListener.Connector.driverManager(
                database.determineUrl(),
                database.determineUsername(),
                database.determinePassword(),
                APPLICATION_NAME),
            this);
  }

  /** True while announcements are received. */
  boolean listening() {
    return listener.listening();
  }

  @Override
  public void connected() {
    relay.wakeUp();
  }

  @Override
  public void notified(PGNotification[] notifications) {
    relay.wakeUp();
  }

  @Override
  public void start() {
    listener.start();
  }

  @Override
  public void stop() {
    listener.stop();
  }

  @Override
  public boolean isRunning() {
    return listener.isRunning();
  }
}
