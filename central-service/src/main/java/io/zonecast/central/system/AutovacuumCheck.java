package io.zonecast.central.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Says at start when the database server's autovacuum is off. Every deleted zone and recordset,
 * every status change, leaves dead rows that only VACUUM reclaims, and the query plans rest on the
 * statistics ANALYZE refreshes: without either, each change slows as the tables fill with dead rows
 * and the plans go stale (seen: 1.7 million dead recordsets, a millisecond query planned at 3
 * million; docs/operations.md, "PostgreSQL's autovacuum").
 */
@Component
class AutovacuumCheck {

  private static final Logger log = LoggerFactory.getLogger(AutovacuumCheck.class);

  private final JdbcTemplate jdbc;

  AutovacuumCheck(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @EventListener(ApplicationReadyEvent.class)
  void check() {
    if (!"on".equals(jdbc.queryForObject("show autovacuum", String.class))) {
      log.warn(
          "PostgreSQL's autovacuum is off on this server: dead rows are never reclaimed and the"
              + " statistics never refreshed, so zonecast slows as zones change; turn it on, or run"
              + " VACUUM (ANALYZE) on zonecast's database regularly");
    }
  }
}
