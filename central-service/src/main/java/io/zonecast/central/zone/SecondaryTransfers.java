package io.zonecast.central.zone;

import io.zonecast.central.outbox.Outbox;
import io.zonecast.model.messaging.Messaging;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.minidns.PerformZoneXfr;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Asks MiniDNS to pull a SECONDARY zone from its masters: a {@code perform_zone_xfr} cast through
 * the outbox (so it is sent exactly when the change committed), and the zone's refresh timer set a
 * little later, so that a lost message only delays the pull.
 */
@Component
class SecondaryTransfers {

  /** The pull the timer makes when the cast did not arrive (MiniDNS down, broker down). */
  static final Duration FALLBACK = Duration.ofSeconds(30);

  private final Outbox outbox;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  SecondaryTransfers(Outbox outbox, JdbcTemplate jdbc, Clock clock) {
    this.outbox = outbox;
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
        LocalDateTime.now(clock).plus(FALLBACK));
    outbox.append(
        PerformZoneXfr.TYPE,
        Messaging.PERFORM_ZONE_XFR.routingKey(),
        new PerformZoneXfr(context, zone.ref(), reason),
        context.requestId(),
        zone.getId());
  }
}
