package io.zonecast.central.zone;

import io.zonecast.central.secondary.SecondaryPuller;
import io.zonecast.model.messaging.RequestContext;
import java.time.Clock;
import java.time.LocalDateTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Has a SECONDARY zone pulled from its masters now: its refresh timer is set to now in the change's
 * transaction (so any central instance's timer pulls it, should this one stop before), and this
 * instance starts the pull once the change committed.
 */
@Component
class SecondaryTransfers {

  private final SecondaryPuller puller;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  SecondaryTransfers(SecondaryPuller puller, JdbcTemplate jdbc, Clock clock) {
    this.puller = puller;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  void requested(Zone zone, String reason, RequestContext context) {
    jdbc.update(
        """
        insert into secondary_zone_refresh (zone_id, next_check_at) values (?, ?)
        on conflict (zone_id) do update set next_check_at = least(
            secondary_zone_refresh.next_check_at, excluded.next_check_at)
        """,
        zone.getId(),
        LocalDateTime.now(clock));
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            puller.pull(zone.getId(), reason, context);
          }
        });
  }
}
