package io.zonecast.runtime.amqp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this process's listeners retried and dead-lettered since it started: the counters {@code
 * zonecast.messages.retried}, {@code zonecast.messages.dead_lettered} (tagged by {@code reason}),
 * {@code zonecast.messages.discarded} (follow-up messages about a zone deleted meanwhile) and, for
 * {@code GET /v2/service_statuses}, the same figures as {@link #json}.
 */
public class ListenerStats {

  /** Why a message went to the dead-letter queue. */
  public enum Reason {
    /** the body is not the contract the queue carries, or names something invalid */
    UNREADABLE,
    /** published by another installation (or by none: no installation header) */
    FOREIGN_INSTALLATION,
    /** about a zone this installation's database does not have */
    UNKNOWN_ZONE,
    /** its work failed on every attempt */
    FAILED;

    public String tag() {
      return name().toLowerCase();
    }
  }

  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong discardedGone = new AtomicLong();
  private final Counter discardedGoneCounter;
  private final Map<Reason, AtomicLong> deadLettered = new EnumMap<>(Reason.class);
  private final Counter retriedCounter;
  private final Map<Reason, Counter> deadLetteredCounters = new EnumMap<>(Reason.class);

  /**
   * @param registry where the counters are registered; null for none
   */
  public ListenerStats(MeterRegistry registry) {
    for (Reason reason : Reason.values()) {
      deadLettered.put(reason, new AtomicLong());
      if (registry != null) {
        deadLetteredCounters.put(
            reason,
            Counter.builder("zonecast.messages.dead_lettered")
                .description("messages moved to the dead-letter queue by this instance")
                .tag("reason", reason.tag())
                .register(registry));
      }
    }
    this.discardedGoneCounter =
        registry == null
            ? null
            : Counter.builder("zonecast.messages.discarded")
                .description(
                    "this installation's follow-up messages about a zone deleted meanwhile")
                .tag("reason", "zone_gone")
                .register(registry);
    this.retriedCounter =
        registry == null
            ? null
            : Counter.builder("zonecast.messages.retried")
                .description("messages whose work failed and that were queued again")
                .register(registry);
  }

  void retried() {
    retried.incrementAndGet();
    if (retriedCounter != null) {
      retriedCounter.increment();
    }
  }

  void deadLettered(Reason reason) {
    deadLettered.get(reason).incrementAndGet();
    Counter counter = deadLetteredCounters.get(reason);
    if (counter != null) {
      counter.increment();
    }
  }

  void discardedGone() {
    discardedGone.incrementAndGet();
    if (discardedGoneCounter != null) {
      discardedGoneCounter.increment();
    }
  }

  public long discardedGoneCount() {
    return discardedGone.get();
  }

  public long retriedCount() {
    return retried.get();
  }

  public long deadLetteredCount(Reason reason) {
    return deadLettered.get(reason).get();
  }

  /** {@code {"retried": n, "dead_lettered": {"unreadable": n, ...}}}, for a heartbeat's stats. */
  public Map<String, Object> json() {
    Map<String, Object> dead = new LinkedHashMap<>();
    deadLettered.forEach((reason, count) -> dead.put(reason.tag(), count.get()));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("retried", retried.get());
    json.put("dead_lettered", dead);
    json.put("discarded", Map.of("zone_gone", discardedGone.get()));
    return json;
  }
}
