package io.zonecast.minidns.zonesource;

import io.zonecast.minidns.system.MiniDnsProperties;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
class ZoneChangeFeed implements SmartLifecycle {

  static final String CHANNEL = "zonecast_zone_changed";
  private static final Logger log = LoggerFactory.getLogger(ZoneChangeFeed.class);
  private static final Duration LIVENESS_CHECK = Duration.ofSeconds(10);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final DataSourceProperties database;
  private final boolean enabled;
  private final AtomicLong generation = new AtomicLong();
  private volatile boolean listening;
  private volatile boolean running;
  private volatile Connection connection;
  private Thread thread;

  @Autowired
  ZoneChangeFeed(DataSourceProperties database, MiniDnsProperties properties) {
    this(database, properties.zoneCache().enabled());
  }

  private ZoneChangeFeed(DataSourceProperties database, boolean enabled) {
    this.database = database;
    this.enabled = enabled;
  }

  /** A feed that never listens: nothing read through it counts as current. */
  static ZoneChangeFeed silent() {
    return new ZoneChangeFeed(null, false);
  }

  /** True while announcements are being received, so what was read since is current. */
  boolean listening() {
    return listening;
  }

  /** Moves on with every announcement and every loss of the connection. */
  long generation() {
    return generation.get();
  }

  @Override
  public void start() {
    if (!enabled) {
      return;
    }
    running = true;
    thread = Thread.ofPlatform().daemon().name("zone-change-feed").start(this::run);
  }

  @Override
  public void stop() {
    running = false;
    listening = false;
    Connection open = connection;
    if (open != null) {
      try {
        open.close();
      } catch (SQLException e) {
        log.debug("closing the zone change feed's connection", e);
      }
    }
    if (thread != null) {
      thread.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    long backoff = 100;
    while (running) {
      try (Connection open =
          DriverManager.getConnection(
              database.determineUrl(),
              database.determineUsername(),
              database.determinePassword())) {
        connection = open;
        try (Statement statement = open.createStatement()) {
          statement.execute("LISTEN " + CHANNEL);
        }
        generation.incrementAndGet();
        listening = true;
        log.info("listening for zone changes on PostgreSQL channel {}", CHANNEL);
        backoff = 100;
        receive(open.unwrap(PGConnection.class), open);
      } catch (SQLException e) {
        if (running) {
          log.warn(
              "zone change feed lost its connection ({}); answering from the database",
              e.getMessage());
        }
      } finally {
        listening = false;
        generation.incrementAndGet();
        connection = null;
      }
      sleep(backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
    }
  }

  private void receive(PGConnection postgres, Connection open) throws SQLException {
    long quietSince = System.nanoTime();
    while (running) {
      PGNotification[] notifications = postgres.getNotifications(500);
      if (notifications != null && notifications.length > 0) {
        generation.incrementAndGet();
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince > LIVENESS_CHECK.toNanos()) {
        // a connection that died silently delivers nothing: make it prove it is alive
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
