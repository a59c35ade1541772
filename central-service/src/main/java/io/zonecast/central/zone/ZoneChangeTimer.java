package io.zonecast.central.zone;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.zonecast.model.zone.ZoneAction;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The figure users care about: how long a change took from the API to its verdict (ACTIVE, ERROR,
 * or gone for a delete), as a histogram {@code zonecast.zone.change.duration} by action and
 * outcome.
 */
@Component
class ZoneChangeTimer {

  private final MeterRegistry meters;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  ZoneChangeTimer(MeterRegistry meters) {
    this.meters = meters;
  }

  /**
   * @param changedAt when the change was made in the API (the zone's {@code updated_at}, or its
   *     {@code created_at} for a zone never changed since)
   */
  void finished(LocalDateTime changedAt, ZoneAction action, String outcome, LocalDateTime now) {
    Duration took = Duration.between(changedAt, now);
    if (took.isNegative()) {
      return;
    }
    // one per action and outcome, built once: a report is handled for every change
    timers
        .computeIfAbsent(action.name() + ' ' + outcome, key -> timer(action, outcome))
        .record(took);
  }

  private Timer timer(ZoneAction action, String outcome) {
    return Timer.builder("zonecast.zone.change.duration")
        .description("time from a zone change in the API to its verdict from the pool manager")
        .tag("action", action.name())
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(10))
        .register(meters);
  }
}
