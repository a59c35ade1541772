package io.zonecast.poolmanager.target;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knot's configuration transactions on one server, through knotc: the steps between {@code
 * conf-begin} and {@code conf-commit}, aborted on any failure. Knot allows one transaction at a
 * time: this pool manager's calls on one server take turns ({@link #locked}); one opened by someone
 * else is waited for up to the timeout, and then aborted as left over (a knotc killed halfway).
 */
final class KnotConfTransaction {

  private static final Logger log = LoggerFactory.getLogger(KnotConfTransaction.class);

  /** Knot's answer to a second conf-begin while a transaction is open. */
  private static final String BUSY = "too many transactions";

  /** Knot's answer to conf-unset of an item without a value. */
  private static final String NO_VALUE = "not exists";

  private static final Duration BUSY_RETRY = Duration.ofMillis(100);

  /**
   * How long a call waits for the other calls on the same server before it. Each knotc run has its
   * own timeout, so a turn always ends; a burst of changes (thousands of zones created at once)
   * queues here rather than failing.
   */
  private static final Duration TURN_WAIT = Duration.ofMinutes(5);

  /** One configuration change, and the error text of knotc that means it is already done. */
  record Step(List<String> arguments, String alreadyDone) {}

  /** A call that holds the server's turn. */
  interface LockedCall {
    void run() throws BackendException;
  }

  private final Knotc knotc;
  private final String program;
  private final Path socket;
  private final Duration timeout;
  private final Object server;

  /**
   * @param server what the errors and the log name: the backend
   */
  KnotConfTransaction(Knotc knotc, KnotOptions options, Object server) {
    this.knotc = knotc;
    this.program = options.program();
    this.socket = options.socket();
    this.timeout = options.timeout();
    this.server = server;
  }

  /** Sets the list item to exactly {@code values}: unset (if it has any), then set. */
  static List<Step> replace(String item, List<String> values) {
    List<String> set = new ArrayList<>(List.of("conf-set", item));
    set.addAll(values);
    return List.of(new Step(List.of("conf-unset", item), NO_VALUE), new Step(set, null));
  }

  /** Runs {@code call} in this server's turn, waiting for the calls before it. */
  void locked(LockedCall call) throws BackendException {
    ReentrantLock lock = knotc.transactionLock(socket);
    try {
      if (!lock.tryLock(TURN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new BackendException(
            "no turn for a configuration change on "
                + server
                + " within "
                + TURN_WAIT.toMinutes()
                + " minutes (other changes are still running)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException("interrupted while waiting to change " + server);
    }
    try {
      call.run();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs the steps between conf-begin and conf-commit; any failure aborts the transaction. {@code
   * what} names the change in the error of a failed commit.
   */
  void run(String what, List<Step> steps) throws BackendException {
    begin();
    boolean committed = false;
    try {
      for (Step step : steps) {
        Knotc.Result result = knotc(step.arguments());
        boolean done = step.alreadyDone() != null && result.output().contains(step.alreadyDone());
        if (!result.ok() && !done) {
          throw failure(String.join(" ", step.arguments()), result);
        }
      }
      Knotc.Result commit = knotc(List.of("conf-commit"));
      if (!commit.ok()) {
        throw failure("conf-commit (" + what + ")", commit);
      }
      committed = true;
    } finally {
      if (!committed) {
        abortQuietly();
      }
    }
  }

  /**
   * Opens a configuration transaction. While another one is open it waits, up to the timeout; then
   * that one counts as left over by a knotc that died halfway and is aborted.
   */
  private void begin() throws BackendException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Knotc.Result result = knotc(List.of("conf-begin"));
      if (result.ok()) {
        return;
      }
      if (!result.output().contains(BUSY)) {
        throw failure("conf-begin", result);
      }
      if (System.nanoTime() > deadline) {
        log.warn(
            "{}: a configuration transaction has been open for over {} ms; aborting it as left"
                + " over",
            server,
            timeout.toMillis());
        Knotc.Result abort = knotc(List.of("conf-abort"));
        if (!abort.ok()) {
          throw failure("conf-abort of a transaction left open", abort);
        }
        Knotc.Result again = knotc(List.of("conf-begin"));
        if (!again.ok()) {
          throw failure("conf-begin", again);
        }
        return;
      }
      try {
        Thread.sleep(BUSY_RETRY);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BackendException("interrupted while waiting for a transaction on " + server);
      }
    }
  }

  private void abortQuietly() {
    try {
      Knotc.Result abort = knotc(List.of("conf-abort"));
      if (!abort.ok()) {
        log.warn("{}: conf-abort failed: {}", server, abort.output());
      }
    } catch (BackendException e) {
      log.warn("{}: conf-abort failed: {}", server, e.getMessage());
    }
  }

  /** Runs one knotc command on the server (in a transaction or not). */
  Knotc.Result knotc(List<String> arguments) throws BackendException {
    return knotc.run(program, socket, timeout, arguments);
  }

  /** knotc's failure of {@code command}, with its output. */
  BackendException failure(String command, Knotc.Result result) {
    return new BackendException(
        "knotc " + command + " failed on " + server + ": " + result.output());
  }
}
