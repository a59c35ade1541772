package io.zonecast.systemtests;

import io.zonecast.testsupport.ApiClient;
import io.zonecast.testsupport.Bind9Secondary;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link ZonecastStack} for a test class: started before its first test and stopped after its
 * last, with what the class starts {@link #before} it (a broker, other secondaries, a hosts file)
 * and {@link #after} it (a browser). Everything is stopped in the reverse order of its start, also
 * when the start-up failed half way: what did start is stopped, and the class fails with the cause.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final StackExtension stack =
 *     StackExtension.named("catalog").options(o -> o.catalogZone(CATALOG));
 * }</pre>
 */
final class StackExtension implements BeforeAllCallback, AfterAllCallback {

  /** Starts something and returns what stops it. */
  @FunctionalInterface
  interface Start {
    AutoCloseable start() throws Exception;
  }

  /** Starts something that needs the running stack and returns what stops it. */
  @FunctionalInterface
  interface StartWith {
    AutoCloseable start(ZonecastStack stack) throws Exception;
  }

  @FunctionalInterface
  interface Step<T> {
    void accept(T value) throws Exception;
  }

  private final ZonecastStack.Options options;
  private final List<Start> before = new ArrayList<>();
  private final List<Step<ZonecastStack.Options>> configure = new ArrayList<>();
  private final List<StartWith> after = new ArrayList<>();
  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private ZonecastStack stack;

  private StackExtension(String name) {
    this.options = ZonecastStack.named(name);
  }

  /** A stack named {@code name} (its database, secondaries and logs), of one pool of two BIND9. */
  static StackExtension named(String name) {
    return new StackExtension(name);
  }

  /** Extra {@code --key=value} arguments of central-service. */
  StackExtension central(String... settings) {
    return central(List.of(settings));
  }

  StackExtension central(List<String> settings) {
    options.central(settings);
    return this;
  }

  /** Extra {@code --key=value} arguments of the pool manager. */
  StackExtension poolManager(String... settings) {
    return poolManager(List.of(settings));
  }

  StackExtension poolManager(List<String> settings) {
    options.poolManager(settings);
    return this;
  }

  /**
   * More of the stack's options, set when it starts: after what was started {@link #before} it, so
   * they may use it (a broker's port, a secondary's).
   */
  StackExtension options(Step<ZonecastStack.Options> step) {
    configure.add(step);
    return this;
  }

  /** Something started before the stack (in the order given) and stopped after it. */
  StackExtension before(Start start) {
    before.add(start);
    return this;
  }

  /** Something started once the stack runs and stopped before it. */
  StackExtension after(StartWith start) {
    after.add(start);
    return this;
  }

  /** The class's own set-up once the stack runs (its clients, a secondary's trace level). */
  StackExtension started(Step<ZonecastStack> step) {
    return after(stack -> {
      step.accept(stack);
      return () -> {};
    });
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    try {
      for (Start start : before) {
        running.push(start.start());
      }
      for (Step<ZonecastStack.Options> step : configure) {
        step.accept(options);
      }
      stack = options.start();
      running.push(stack);
      for (StartWith start : after) {
        running.push(start.start(stack));
      }
    } catch (Exception | Error e) {
      try {
        stop();
      } catch (Exception | Error stopping) {
        e.addSuppressed(stopping);
      }
      throw e;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    stop();
  }

  /** Stops everything that runs, the last started first; the first failure is thrown at the end. */
  private void stop() throws Exception {
    Exception failed = null;
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        if (failed == null) {
          failed = e;
        } else {
          failed.addSuppressed(e);
        }
      }
    }
    stack = null;
    if (failed != null) {
      throw failed;
    }
  }

  /** The running stack. */
  ZonecastStack get() {
    if (stack == null) {
      throw new IllegalStateException("the stack runs only from the class's start to its end");
    }
    return stack;
  }

  ApiClient api() {
    return get().api;
  }

  ZoneSteps zones() {
    return get().zones;
  }

  Bind9Secondary bindA() {
    return get().bindA;
  }

  Bind9Secondary bindB() {
    return get().bindB;
  }

  List<Bind9Secondary> secondaries() {
    return get().secondaries();
  }

  int apiPort() {
    return get().apiPort();
  }

  int minidnsPort() {
    return get().minidnsPort;
  }
}
