package io.zonecast.central.zonefile;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** The threads imports and exports run on, so the request that started one returns at once. */
@Component
class ZoneTaskWorkers implements DisposableBean {

  private final ExecutorService executor;

  ZoneTaskWorkers(ZoneFileProperties properties) {
    this.executor =
        Executors.newFixedThreadPool(
            properties.workers(), Thread.ofPlatform().name("zone-task-", 0).factory());
  }

  void run(Runnable task) {
    executor.execute(task);
  }

  @Override
  public void destroy() throws InterruptedException {
    executor.shutdown();
    executor.awaitTermination(30, TimeUnit.SECONDS);
  }
}
