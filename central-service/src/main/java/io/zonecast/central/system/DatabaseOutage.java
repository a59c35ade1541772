package io.zonecast.central.system;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * A failure that says the database cannot be reached (a restart, a failover, an outage), not that
 * the request or the code is wrong: the API answers it with 503 and a {@code Retry-After}, since
 * the same request may well succeed a few seconds later. The message does not claim that nothing
 * was stored: a connection lost while the transaction committed leaves that unknown to the caller.
 * Anything else (a constraint, a syntax error, a bug) stays a 500.
 */
public final class DatabaseOutage {

  /** What {@code Retry-After} says: about a restart of PostgreSQL or a failover to its standby. */
  public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  public static final String TYPE = "service_unavailable";

  public static final String MESSAGE = "The zone database cannot be reached; try again later";

  private DatabaseOutage() {}

  /** Whether {@code failure}, or one of its causes, says the database cannot be reached. */
  public static boolean isOutage(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof CannotCreateTransactionException
          || cause instanceof DataAccessResourceFailureException
          || cause instanceof TransientDataAccessResourceException
          // Hikari: no connection within its connection-timeout
          || cause instanceof SQLTransientConnectionException
          || (cause instanceof SQLException sql && unreachable(sql.getSQLState()))
          || evictedByThePool(cause)) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /**
   * Hikari's proxy of a connection it closed after a fatal SQLSTATE (08, 57P01...) throws this,
   * with no SQLSTATE of its own; a request whose connection was cut midway sees it when its
   * transaction rolls back, and the rollback's failure hides the original one (DatabaseOutageIT).
   */
  private static boolean evictedByThePool(Throwable cause) {
    return cause instanceof SQLException sql
        && sql.getSQLState() == null
        && "Connection is closed".equals(sql.getMessage());
  }

  /**
   * PostgreSQL's SQLSTATEs of a lost or refused connection: class 08 (connection exception, which
   * pgjdbc also reports for a connection it could not open or lost), 57P01-57P03 (the server shut
   * down by an administrator or a crash, or not yet accepting connections while it starts).
   */
  private static boolean unreachable(String sqlState) {
    return sqlState != null
        && (sqlState.startsWith("08")
            || sqlState.equals("57P01")
            || sqlState.equals("57P02")
            || sqlState.equals("57P03"));
  }
}
