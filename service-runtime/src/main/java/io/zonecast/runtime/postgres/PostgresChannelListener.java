package io.zonecast.runtime.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on one PostgreSQL channel over a connection of its own, on a thread of its own, and
 * reports every batch of notifications. A lost connection is reported and opened again (with a
 * growing pause); a connection quiet for a while is made to prove it is alive, since one that died
 * silently delivers nothing. Notifications sent while no connection listens are lost: callers that
 * cannot afford that treat {@link Events#disconnected()} accordingly (read the database, keep
 * polling).
 */
public final class PostgresChannelListener {

  /** Opens a new connection (not from a pool: it stays open for as long as it listens). */
  @FunctionalInterface
  public interface Connector {
    Connection open() throws SQLException;

    /**
     * Connections from the JDBC driver, named {@code applicationName} in {@code pg_stat_activity}
     * (unless the URL names them).
     */
    static Connector driverManager(
        String url, String user, String password, String applicationName) {
      return () -> {
        Properties properties = new Properties();
        if (user != null) {
          properties.setProperty("user", user);
        }
        if (password != null) {
          properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(url, properties);
      };
    }
  }

  /** What the listener reports, on its own thread. */
  public interface Events {

    /** The channel is listened to (again); anything sent before may have been missed. */
    default void connected() {}

    /** One or more notifications arrived. */
    void notified(PGNotification[] notifications);

    /**
     * The connection was lost (or closed by {@link #stop()}); it is opened again unless stopped.
     */
    default void disconnected() {}
  }

  private static final Logger log = LoggerFactory.getLogger(PostgresChannelListener.class);
  private static final Duration LIVENESS_CHECK = Duration.ofSeconds(10);
  private static final long FIRST_BACKOFF_MILLIS = 100;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  private static final int RECEIVE_WAIT_MILLIS = 500;

  private final String channel;
  private final Connector connector;
  private final Events events;
  private volatile boolean listening;
  private volatile boolean running;
  private volatile Connection connection;
  private Thread thread;

  /**
   * @param channel a PostgreSQL identifier (it is not quoted), e.g. one of {@link
   *     io.zonecast.model.postgres.PostgresChannels}
   */
  public PostgresChannelListener(String channel, Connector connector, Events events) {
    if (!channel.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("not a plain channel name: " + channel);
    }
    this.channel = channel;
    this.connector = connector;
    this.events = events;
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = Thread.ofPlatform().daemon().name("listen-" + channel).start(this::run);
  }

  public synchronized void stop() {
    running = false;
    listening = false;
    Connection open = connection;
    if (open != null) {
      try {
        open.close();
      } catch (SQLException e) {
        log.debug("closing the connection listening on {}", channel, e);
      }
    }
    if (thread != null) {
      thread.interrupt();
    }
  }

  public boolean isRunning() {
    return running;
  }

  /** True while the channel is listened to: what is sent now is received. */
  public boolean listening() {
    return listening;
  }

  private void run() {
    long backoff = FIRST_BACKOFF_MILLIS;
    while (running) {
      try (Connection open = connector.open()) {
        connection = open;
        try (Statement statement = open.createStatement()) {
          statement.execute("LISTEN " + channel);
        }
        events.connected();
        listening = true;
        log.info("listening on PostgreSQL channel {}", channel);
        backoff = FIRST_BACKOFF_MILLIS;
        receive(open.unwrap(PGConnection.class), open);
      } catch (SQLException e) {
        if (running) {
          log.warn("lost the connection listening on {}: {}", channel, e.getMessage());
        }
      } catch (RuntimeException e) {
        log.warn("listening on {} failed", channel, e);
      } finally {
        listening = false;
        connection = null;
        events.disconnected();
      }
      sleep(backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
    }
  }

  private void receive(PGConnection postgres, Connection open) throws SQLException {
    long quietSince = System.nanoTime();
    while (running) {
      PGNotification[] notifications = postgres.getNotifications(RECEIVE_WAIT_MILLIS);
      if (notifications != null && notifications.length > 0) {
        events.notified(notifications);
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince > LIVENESS_CHECK.toNanos()) {
        try (Statement statement = open.createStatement()) {
          statement.execute("SELECT 1");
        }
        quietSince = System.nanoTime();
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
