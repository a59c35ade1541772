package io.zonecast.central.zone;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.zonecast.model.zone.ZoneAction;
import java.time.Duration;
import java.time.LocalDateTime;
import org.springframework.stereotype.Component;

/**
 * The figure users care about: how long a change took from the API to its verdict (ACTIVE, ERROR,
 * or gone for a delete), as a histogram {@code zonecast.zone.change.duration} by action and
 * outcome.
 */
@Component
class ZoneChangeTimer {

  private final MeterRegistry meters;

  ZoneChangeTimer(MeterRegistry meters) {
    this.meters = meters;
  }

  void finished(Zone zone, ZoneAction action, String outcome, LocalDateTime now) {
    LocalDateTime changedAt =
        zone.getUpdatedAt() != null ? zone.getUpdatedAt() : zone.getCreatedAt();
    Duration took = Duration.between(changedAt, now);
    if (took.isNegative()) {
      return;
    }
    Timer.builder("zonecast.zone.change.duration")
        .description("time from a zone change in the API to its verdict from the pool manager")
        .tag("action", action.name())
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(10))
        .register(meters)
        .record(took);
  }
}
