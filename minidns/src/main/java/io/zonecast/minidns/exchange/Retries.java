package io.zonecast.minidns.exchange;

import io.zonecast.model.messaging.RetryPolicy;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs an attempt up to {@link RetryPolicy#attempts()} times, the next one {@code retry_interval}
 * after the previous ended. Waiting is scheduled on a timer, never slept, so thousands of tasks can
 * wait at once on a handful of threads.
 */
@Component
public class Retries implements DisposableBean {

  private final ScheduledExecutorService timer =
      Executors.newScheduledThreadPool(
          1, Thread.ofPlatform().name("retry-timer").daemon().factory());

  /**
   * @param attempt given the attempt number (1-based), completes with a result, or empty to try
   *     again
   * @return the first result, or empty when every attempt came back empty
   */
  public <T> CompletableFuture<Optional<T>> run(
      RetryPolicy policy, IntFunction<CompletionStage<Optional<T>>> attempt) {
    CompletableFuture<Optional<T>> outcome = new CompletableFuture<>();
    next(policy, attempt, 1, outcome);
    return outcome;
  }

  private <T> void next(
      RetryPolicy policy,
      IntFunction<CompletionStage<Optional<T>>> attempt,
      int number,
      CompletableFuture<Optional<T>> outcome) {
    CompletionStage<Optional<T>> stage;
    try {
      stage = attempt.apply(number);
    } catch (RuntimeException e) {
      stage = CompletableFuture.completedFuture(Optional.empty());
    }
    stage.whenComplete((result, error) -> {
      if (error == null && result != null && result.isPresent()) {
        outcome.complete(result);
      } else if (number >= policy.attempts()) {
        outcome.complete(Optional.empty());
      } else {
        timer.schedule(
            () -> next(policy, attempt, number + 1, outcome),
            policy.retryIntervalDuration().toNanos(),
            TimeUnit.NANOSECONDS);
      }
    });
  }

  @Override
  public void destroy() {
    timer.shutdownNow();
  }
}
