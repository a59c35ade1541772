package io.zonecast.poolmanager.propagation;

import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.poolmanager.system.PoolManagerProperties;
import io.zonecast.poolmanager.target.Backend;
import io.zonecast.poolmanager.target.BackendException;
import io.zonecast.poolmanager.target.Backends;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Makes one backend call on every target of a pool at once, each retried as configured (attempts,
 * interval), and collects the errors: one per target that still failed, with the backend's text.
 */
@Component
class TargetCalls {

  private static final Logger log = LoggerFactory.getLogger(TargetCalls.class);

  interface Call {
    void apply(Backend backend, ZoneRef zone) throws BackendException;
  }

  private final Backends backends;
  private final PoolManagerProperties.Backend settings;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  TargetCalls(Backends backends, PoolManagerProperties properties) {
    this.backends = backends;
    this.settings = properties.backend();
  }

  /** The errors of the targets on which the call failed; empty when it succeeded everywhere. */
  List<String> onEveryTarget(Pool pool, ZoneRef zone, String what, Call call) {
    Map<String, String> logContext = MDC.getCopyOfContextMap();
    List<Future<String>> results = new ArrayList<>();
    for (Pool.Target target : pool.targets()) {
      results.add(
          executor.submit(() -> {
            if (logContext != null) {
              MDC.setContextMap(logContext);
            }
            try {
              return withRetries(pool, target, zone, what, call);
            } finally {
              MDC.clear();
            }
          }));
    }
    List<String> errors = new ArrayList<>();
    for (Future<String> result : results) {
      try {
        String error = result.get();
        if (error != null) {
          errors.add(error);
        }
      } catch (ExecutionException e) {
        errors.add(what + " failed: " + e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        errors.add(what + " interrupted (the pool manager is stopping)");
        break;
      }
    }
    return errors;
  }

  /**
   * What the pool's targets say about refusing the zone at its serial ({@link Backend#refusal}),
   * asked at once; a target that cannot be asked is left out (logged).
   */
  List<String> refusals(Pool pool, ZoneRef zone) {
    Map<String, String> logContext = MDC.getCopyOfContextMap();
    List<Future<Optional<String>>> answers = new ArrayList<>();
    for (Pool.Target target : pool.targets()) {
      answers.add(
          executor.submit(() -> {
            if (logContext != null) {
              MDC.setContextMap(logContext);
            }
            try {
              return backends.forTarget(pool, target).refusal(zone);
            } finally {
              MDC.clear();
            }
          }));
    }
    List<String> refusals = new ArrayList<>();
    for (Future<Optional<String>> answer : answers) {
      try {
        answer.get().ifPresent(refusals::add);
      } catch (ExecutionException e) {
        log.warn(
            "cannot tell whether a target refused {}: {}", zone.name(), e.getCause().toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return refusals;
  }

  private String withRetries(Pool pool, Pool.Target target, ZoneRef zone, String what, Call call)
      throws InterruptedException {
    Backend backend;
    try {
      backend = backends.forTarget(pool, target);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    String last = null;
    for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
      try {
        call.apply(backend, zone);
        log.debug("{} of {} done on {}", what, zone.name(), backend);
        return null;
      } catch (BackendException e) {
        last = e.getMessage();
        log.warn("{} attempt {}/{}: {}", what, attempt, settings.attempts(), last);
        if (attempt < settings.attempts()) {
          Thread.sleep(settings.retryInterval());
        }
      }
    }
    return last;
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }
}
