package io.zonecast.minidns.system;

import io.zonecast.model.messaging.RetryPolicy;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs an attempt up to {@link RetryPolicy#attempts()} times (1 + max_retries), the next one {@code
 * retry_interval} after the previous one ended. Waiting is scheduled on a timer, never slept, so
 * thousands of tasks can wait at once on one thread.
 */
@Component
public class Retries implements DisposableBean {

  /** One try: given its number (1-based) and whether it is the last, a result or empty. */
  @FunctionalInterface
  public interface Attempt<T> {
    CompletionStage<Optional<T>> run(int number, boolean last);
  }

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("retry-timer").daemon().factory());

  /**
   * @return the first result, or empty when every attempt came back empty (or failed)
   */
  public <T> CompletableFuture<Optional<T>> run(RetryPolicy policy, Attempt<T> attempt) {
    CompletableFuture<Optional<T>> outcome = new CompletableFuture<>();
    next(policy, attempt, 1, outcome);
    return outcome;
  }

  private <T> void next(
      RetryPolicy policy, Attempt<T> attempt, int number, CompletableFuture<Optional<T>> outcome) {
    boolean last = number >= policy.attempts();
    CompletionStage<Optional<T>> stage;
    try {
      stage = attempt.run(number, last);
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenComplete((result, error) -> {
      if (error == null && result != null && result.isPresent()) {
        outcome.complete(result);
      } else if (last) {
        outcome.complete(Optional.empty());
      } else {
        try {
          timer.schedule(
              () -> next(policy, attempt, number + 1, outcome),
              policy.retryIntervalDuration().toNanos(),
              TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
          // the timer is shut down: the application is stopping
          outcome.completeExceptionally(e);
        }
      }
    });
  }

  @Override
  public void destroy() {
    timer.shutdownNow();
  }
}
