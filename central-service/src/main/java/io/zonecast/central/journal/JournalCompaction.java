package io.zonecast.central.journal;

import java.time.Clock;
import java.time.LocalDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Removes journal steps that are too old or too many. Only the oldest steps of a zone are ever
 * removed (everything up to the newest step that is due), so what is left is always an unbroken
 * chain of serials ending at the zone's current one; the zone itself lives in the records tables
 * and is never touched. A secondary whose serial is no longer in the chain is sent the whole zone.
 */
@Component
class JournalCompaction implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(JournalCompaction.class);

  private final JdbcTemplate jdbc;
  private final JournalProperties settings;
  private final Clock clock;

  JournalCompaction(JdbcTemplate jdbc, JournalProperties settings, Clock clock) {
    this.jdbc = jdbc;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(
        new FixedDelayTask(
            this::compact, settings.compactionInterval(), settings.compactionInterval()));
  }

  /** One round: one statement, so atomic without a transaction of its own. */
  public int compact() {
    LocalDateTime cutoff = LocalDateTime.now(clock).minus(settings.maxAge());
    int removed =
        jdbc.update(
            """
            with ranked as (
              select id, zone_id, created_at,
                     row_number() over (partition by zone_id order by id desc) as newer
              from zone_journal_steps
            ), due as (
              select zone_id, max(id) as last_due from ranked
              where newer > ? or created_at < ?
              group by zone_id
            )
            delete from zone_journal_steps s using due
            where s.zone_id = due.zone_id and s.id <= due.last_due
            """,
            settings.maxEntriesPerZone(),
            cutoff);
    if (removed > 0) {
      log.info(
          "journal compacted: {} steps removed (older than {} or beyond {} per zone)",
          removed,
          settings.maxAge(),
          settings.maxEntriesPerZone());
    }
    return removed;
  }
}
