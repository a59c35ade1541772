package io.zonecast.central.system;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Whether a failed write broke a unique constraint, and which (PostgreSQL's SQLSTATE 23505 and the
 * constraint it names): only that is a conflict (409). Any other integrity error (a value the
 * column cannot hold, a foreign key) is not the caller's duplicate and must not be reported as one.
 */
public final class UniqueViolation {

  private static final String UNIQUE_VIOLATION = "23505";

  private UniqueViolation() {}

  /** True when {@code e} broke the unique constraint (or unique index) named {@code constraint}. */
  public static boolean of(DataIntegrityViolationException e, String constraint) {
    String violated = constraint(e);
    return violated != null && violated.equals(constraint);
  }

  /** True when {@code e} broke any unique constraint. */
  public static boolean any(DataIntegrityViolationException e) {
    return constraint(e) != null;
  }

  /** The unique constraint {@code e} broke, or null when it is another kind of error. */
  static String constraint(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        ServerErrorMessage server =
            sql instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        String name = server == null ? null : server.getConstraint();
        return name == null ? "" : name;
      }
    }
    return null;
  }
}
