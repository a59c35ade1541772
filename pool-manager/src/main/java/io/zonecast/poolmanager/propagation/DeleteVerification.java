package io.zonecast.poolmanager.propagation;

import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.poolmanager.dns.SoaProbe;
import io.zonecast.poolmanager.system.PoolManagerProperties;
import io.zonecast.runtime.resolve.HostResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.stereotype.Component;

/**
 * A delete is finished when the nameservers no longer serve the zone, not when the targets said
 * they dropped it: each of the pool's nameservers is asked for the zone's SOA until it answers
 * REFUSED, NXDOMAIN, NOTAUTH or without the zone's SOA, within {@code delete-verify-timeout}. A
 * nameserver still serving it, or not answering at all, is named in the ERROR (recovery re-drives
 * the delete later).
 */
@Component
class DeleteVerification {

  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration QUERY_INTERVAL = Duration.ofMillis(100);

  private final Duration timeout;
  private final HostResolver resolver;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  DeleteVerification(PoolManagerProperties properties, HostResolver resolver) {
    this.timeout = properties.deleteVerifyTimeout();
    this.resolver = resolver;
  }

  /** The nameservers that still serve the zone (or never answered), each with what it said. */
  List<String> stillServing(Pool pool, ZoneRef zone) {
    List<Future<String>> checks = new ArrayList<>();
    for (Pool.HostPort nameserver : pool.nameservers()) {
      checks.add(executor.submit(() -> awaitGone(nameserver, zone)));
    }
    List<String> serving = new ArrayList<>();
    for (Future<String> check : checks) {
      try {
        String problem = check.get();
        if (problem != null) {
          serving.add(problem);
        }
      } catch (ExecutionException e) {
        serving.add(e.getCause().toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        serving.add("interrupted");
      }
    }
    return serving;
  }

  /** Null when the nameserver does not serve the zone, else what it said last. */
  private String awaitGone(Pool.HostPort nameserver, ZoneRef zone) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      SoaProbe.Answer answer = SoaProbe.query(resolver, nameserver, zone.name(), QUERY_TIMEOUT);
      if (answer instanceof SoaProbe.Missing) {
        return null;
      }
      if (System.nanoTime() > deadline) {
        return nameserver
            + (answer instanceof SoaProbe.Serves serves
                ? " still serves it (serial " + serves.serial() + ")"
                : " did not confirm: " + answer);
      }
      Thread.sleep(QUERY_INTERVAL);
    }
  }
}
