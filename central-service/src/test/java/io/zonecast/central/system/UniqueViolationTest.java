package io.zonecast.central.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DataIntegrityViolationException;

class UniqueViolationTest {

  /** As PostgreSQL reports it: fields of one letter each, separated by NUL. */
  private static DataIntegrityViolationException failure(String sqlState, String constraint) {
    String fields =
        "SERROR\0C"
            + sqlState
            + "\0Msomething failed\0"
            + (constraint == null ? "" : "n" + constraint + "\0");
    PSQLException psql = new PSQLException(new ServerErrorMessage(fields));
    return new DataIntegrityViolationException(
        "could not execute statement",
        new ConstraintViolationException("insert failed", psql, constraint));
  }

  @Test
  void aUniqueViolationIsRecognisedByTheConstraintItNames() {
    DataIntegrityViolationException duplicate = failure("23505", "zones_name_key");
    assertThat(UniqueViolation.of(duplicate, "zones_name_key")).isTrue();
    assertThat(UniqueViolation.of(duplicate, "recordsets_zone_name_type_key")).isFalse();
    assertThat(UniqueViolation.any(duplicate)).isTrue();
  }

  @Test
  void otherIntegrityErrorsAreNoConflict() {
    // 22021: a NUL byte in text; 23503: a foreign key; 23502: a NOT NULL column
    for (String state : new String[] {"22021", "23503", "23502"}) {
      DataIntegrityViolationException other = failure(state, "zones_name_key");
      assertThat(UniqueViolation.of(other, "zones_name_key")).as(state).isFalse();
      assertThat(UniqueViolation.any(other)).as(state).isFalse();
    }
  }
}
