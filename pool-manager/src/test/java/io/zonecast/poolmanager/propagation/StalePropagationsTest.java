package io.zonecast.poolmanager.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.zone.ZoneAction;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.poolmanager.system.PoolManagerProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class StalePropagationsTest {

  /** Reports kept in a list instead of sent. */
  static final class RecordedReports extends Reports {
    final List<String> errors = new ArrayList<>();

    RecordedReports() {
      super(null);
    }

    @Override
    void success(RequestContext context, ZoneRef zone, ZoneAction action) {
      throw new AssertionError("no success expected");
    }

    @Override
    void error(RequestContext context, ZoneRef zone, ZoneAction action, String message) {
      errors.add(zone.name() + " " + action + ": " + message);
    }
  }

  final PropagationTracker tracker = new InMemoryPropagationTracker();
  final RecordedReports reports = new RecordedReports();
  final StalePropagations stale =
      new StalePropagations(
          tracker,
          reports,
          new Binder(
                  new MapConfigurationPropertySource(
                      Map.of("zonecast.pool-manager.give-up-after", "10m")))
              .bindOrCreate("zonecast.pool-manager", PoolManagerProperties.class));

  Propagation startedAt(String name, Instant when) {
    return new Propagation(
        RequestContext.system("r"),
        new ZoneRef(UUID.randomUUID(), name, UUID.randomUUID(), 5),
        ZoneAction.UPDATE,
        List.of("127.0.0.1:5310"),
        when);
  }

  @Test
  void propagationsPastTheDeadlineAreReportedOnceAndForgotten() {
    Instant now = Instant.parse("2026-11-22T12:00:00Z");
    tracker.begin(startedAt("old.org.", now.minusSeconds(700)));
    tracker.begin(startedAt("young.org.", now.minusSeconds(10)));

    stale.giveUpStartedBefore(now.minusSeconds(600));
    stale.giveUpStartedBefore(now.minusSeconds(600));

    assertThat(reports.errors)
        .containsExactly(
            "old.org. UPDATE: serial 5: no poll result within PT10M from 127.0.0.1:5310");
    assertThat(tracker.size()).isOne();
  }
}
