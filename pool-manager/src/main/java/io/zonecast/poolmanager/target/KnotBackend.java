package io.zonecast.poolmanager.target;

import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.ZoneRef;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Knot DNS secondary driven through its control socket with {@code knotc}, as Designate's knot2
 * backend does: a zone is added in a configuration transaction ({@code conf-begin}, {@code conf-set
 * zone[name]} with its primaries, {@code conf-commit}), after which Knot transfers it at once.
 * Deleting freezes the zone (no transfer can write it again), purges its zone file, journal and
 * timers ({@code zone-purge}) and removes it from the configuration, so a zone created again later
 * never starts from old data. A zone that exists (create) or is gone (delete) counts as done.
 *
 * <p>Where the zone pulls from: the target option {@code remote} names Knot remotes (comma
 * separated) that the operator defined in knot.conf, with the TSIG key MiniDNS expects, and {@code
 * acl} the ACLs that let MiniDNS's NOTIFYs in. Without {@code remote} the backend defines one
 * remote and one NOTIFY ACL per master of the target ({@code zonecast-<address>-<port>}, signed
 * with {@code tsig_key_name} when given, a key knot.conf defines).
 *
 * <p>Other options: {@code socket} (the control socket, /run/knot/knot.sock), {@code
 * knotc_cmd_name} (the knotc program, knotc), {@code knotc_timeout} (seconds per knotc run; the
 * pool manager's backend rndc-timeout by default). Knot allows one configuration transaction at a
 * time: this pool manager's transactions on one server take turns; one opened by someone else is
 * waited for up to the timeout, and then aborted as left over (a knotc killed halfway).
 *
 * <p>The knotc program is run rather than Knot's control protocol spoken here: that protocol is
 * internal to Knot (which data items carry flags and filters changed between releases), while the
 * knotc packaged with a knotd always speaks its dialect.
 */
class KnotBackend implements Backend {

  static final String TYPE = "knot";

  private static final Logger log = LoggerFactory.getLogger(KnotBackend.class);

  /** Knot's answer to a second conf-begin while a transaction is open. */
  private static final String BUSY = "too many transactions";

  private static final String NO_SUCH_ZONE = "no such zone";
  private static final String DUPLICATE = "duplicate identifier";
  private static final String NOT_CONFIGURED = "invalid identifier";
  private static final Duration BUSY_RETRY = Duration.ofMillis(100);

  /**
   * How long a call waits for the other calls on the same server before it. Each knotc run has its
   * own timeout, so a turn always ends; a burst of changes (thousands of zones created at once)
   * queues here rather than failing.
   */
  private static final Duration TURN_WAIT = Duration.ofMinutes(5);

  /** One configuration change, and the error text of knotc that means it is already done. */
  private record Step(List<String> arguments, String alreadyDone) {}

  private final Pool.Target target;
  private final Knotc knotc;
  private final String program;
  private final Path socket;
  private final Duration timeout;
  private final List<String> remotes;
  private final List<String> acls;
  private final List<Step> definitions;

  KnotBackend(Pool.Target target, Knotc knotc, Duration defaultTimeout) {
    this.target = target;
    this.knotc = knotc;
    this.program = target.option("knotc_cmd_name", "knotc").trim();
    if (program.isEmpty()) {
      throw invalid("knotc_cmd_name is empty");
    }
    String socketPath = target.option("socket", "/run/knot/knot.sock").trim();
    if (socketPath.isEmpty()) {
      throw invalid("socket is empty");
    }
    this.socket = Path.of(socketPath);
    this.timeout = timeout(defaultTimeout);
    String tsigKey = identifier("tsig_key_name", target.option("tsig_key_name", "").trim());
    List<String> namedRemotes = identifiers("remote");
    List<String> namedAcls = identifiers("acl");
    if (!namedRemotes.isEmpty()) {
      this.remotes = namedRemotes;
      this.acls = namedAcls;
      this.definitions = List.of();
      return;
    }
    if (!namedAcls.isEmpty()) {
      throw invalid("acl is for zones pulling from the named remote; name it too");
    }
    if (target.masters().isEmpty()) {
      throw invalid("needs masters (the MiniDNS servers) or a remote defined in knot.conf");
    }
    this.remotes = new ArrayList<>();
    this.definitions = new ArrayList<>();
    for (Pool.HostPort master : target.masters()) {
      String id =
          "zonecast-" + master.host().replaceAll("[^A-Za-z0-9.]", "_") + "-" + master.port();
      remotes.add(id);
      definitions.addAll(masterDefinition(id, master, tsigKey));
    }
    this.acls = remotes;
  }

  /** A remote for the master and an ACL letting its NOTIFYs in, both with the same id. */
  private List<Step> masterDefinition(String id, Pool.HostPort master, String tsigKey) {
    String address = literalAddress(master);
    List<Step> steps = new ArrayList<>();
    steps.add(new Step(List.of("conf-set", "remote[" + id + "]"), DUPLICATE));
    steps.add(new Step(List.of("conf-set", "remote[" + id + "].address", address), null));
    steps.add(new Step(List.of("conf-set", "acl[" + id + "]"), DUPLICATE));
    steps.add(new Step(List.of("conf-set", "acl[" + id + "].address", master.host()), null));
    steps.add(new Step(List.of("conf-set", "acl[" + id + "].action", "notify"), null));
    if (!tsigKey.isEmpty()) {
      steps.add(new Step(List.of("conf-set", "remote[" + id + "].key", tsigKey), null));
      steps.add(new Step(List.of("conf-set", "acl[" + id + "].key", tsigKey), null));
    }
    return steps;
  }

  @Override
  public void createZone(ZoneRef zone) throws BackendException {
    String name = knotName(zone);
    List<Step> steps = new ArrayList<>(definitions);
    steps.add(new Step(List.of("conf-set", "zone[" + name + "]"), DUPLICATE));
    steps.add(new Step(withValues("conf-set", "zone[" + name + "].master", remotes), null));
    if (!acls.isEmpty()) {
      steps.add(new Step(withValues("conf-set", "zone[" + name + "].acl", acls), null));
    }
    withTransactionLock(() -> {
      inTransaction(name, steps);
      // a delete that stopped after its freeze leaves the zone frozen: it would never transfer
      Knotc.Result thaw = run(List.of("zone-thaw", name));
      if (!thaw.ok()) {
        throw failure("zone-thaw " + name, thaw);
      }
    });
  }

  @Override
  public void deleteZone(ZoneRef zone) throws BackendException {
    String name = knotName(zone);
    withTransactionLock(() -> {
      // frozen, the zone takes no transfer between the purge and its removal (one unfrozen would
      // at once transfer itself again and write a new zone file)
      Knotc.Result freeze = run(List.of("-b", "zone-freeze", name));
      boolean configured = freeze.ok();
      if (!configured && !freeze.output().contains(NO_SUCH_ZONE)) {
        throw failure("zone-freeze " + name, freeze);
      }
      if (configured) {
        Knotc.Result purge = run(List.of("-b", "-f", "zone-purge", name));
        if (!purge.ok() && !purge.output().contains(NO_SUCH_ZONE)) {
          throw failure("zone-purge " + name, purge);
        }
      }
      inTransaction(
          name, List.of(new Step(List.of("conf-unset", "zone[" + name + "]"), NOT_CONFIGURED)));
    });
  }

  private interface LockedCall {
    void run() throws BackendException;
  }

  private void withTransactionLock(LockedCall call) throws BackendException {
    ReentrantLock lock = knotc.transactionLock(socket);
    try {
      if (!lock.tryLock(TURN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new BackendException(
            "no turn for a configuration change on "
                + this
                + " within "
                + TURN_WAIT.toMinutes()
                + " minutes (other changes are still running)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException("interrupted while waiting to change " + this);
    }
    try {
      call.run();
    } finally {
      lock.unlock();
    }
  }

  /** Runs the steps between conf-begin and conf-commit; any failure aborts the transaction. */
  private void inTransaction(String zone, List<Step> steps) throws BackendException {
    begin();
    boolean committed = false;
    try {
      for (Step step : steps) {
        Knotc.Result result = run(step.arguments());
        boolean done = step.alreadyDone() != null && result.output().contains(step.alreadyDone());
        if (!result.ok() && !done) {
          throw failure(String.join(" ", step.arguments()), result);
        }
      }
      Knotc.Result commit = run(List.of("conf-commit"));
      if (!commit.ok()) {
        throw failure("conf-commit (" + zone + ")", commit);
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
      Knotc.Result result = run(List.of("conf-begin"));
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
            this,
            timeout.toMillis());
        Knotc.Result abort = run(List.of("conf-abort"));
        if (!abort.ok()) {
          throw failure("conf-abort of a transaction left open", abort);
        }
        Knotc.Result again = run(List.of("conf-begin"));
        if (!again.ok()) {
          throw failure("conf-begin", again);
        }
        return;
      }
      try {
        Thread.sleep(BUSY_RETRY);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BackendException("interrupted while waiting for a transaction on " + this);
      }
    }
  }

  private void abortQuietly() {
    try {
      Knotc.Result abort = run(List.of("conf-abort"));
      if (!abort.ok()) {
        log.warn("{}: conf-abort failed: {}", this, abort.output());
      }
    } catch (BackendException e) {
      log.warn("{}: conf-abort failed: {}", this, e.getMessage());
    }
  }

  private Knotc.Result run(List<String> arguments) throws BackendException {
    return knotc.run(program, socket, timeout, arguments);
  }

  private BackendException failure(String command, Knotc.Result result) {
    return new BackendException("knotc " + command + " failed on " + this + ": " + result.output());
  }

  @Override
  public String toString() {
    return TYPE
        + " target "
        + (target.description().isBlank() ? "" : "'" + target.description() + "' ")
        + "(socket "
        + socket
        + ")";
  }

  /**
   * The absolute zone name as Knot's configuration takes it. Only letters, digits, '-', '_' and '.'
   * pass, so a name can never end the {@code zone[...]} item or pass more than one argument.
   */
  static String knotName(ZoneRef zone) throws BackendException {
    String name = zone.name();
    if (!name.endsWith(".") || !name.matches("[A-Za-z0-9_.-]+")) {
      throw new BackendException("zone name " + name + " cannot be given to Knot");
    }
    return name;
  }

  Duration timeout() {
    return timeout;
  }

  List<String> remotes() {
    return List.copyOf(remotes);
  }

  private static List<String> withValues(String command, String item, List<String> values) {
    List<String> arguments = new ArrayList<>(List.of(command, item));
    arguments.addAll(values);
    return arguments;
  }

  /** Knot's remote address: an IP address (Knot does not resolve names here) '@' port. */
  private String literalAddress(Pool.HostPort master) {
    try {
      InetAddress.ofLiteral(master.host());
    } catch (IllegalArgumentException e) {
      throw invalid(
          "master '"
              + master.host()
              + "' is no IP address; Knot needs one (or name a remote defined in knot.conf)");
    }
    return master.host() + "@" + master.port();
  }

  private List<String> identifiers(String option) {
    return Arrays.stream(target.option(option, "").split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(s -> identifier(option, s))
        .toList();
  }

  private String identifier(String option, String value) {
    if (!value.matches("[A-Za-z0-9._-]*")) {
      throw invalid(option + " '" + value + "' may hold only letters, digits, '.', '_' and '-'");
    }
    return value;
  }

  private Duration timeout(Duration fallback) {
    String text = target.option("knotc_timeout", "").trim();
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      double seconds = Double.parseDouble(text);
      if (seconds > 0 && seconds <= 86400) {
        return Duration.ofMillis(Math.round(seconds * 1000));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid("knotc_timeout '" + text + "' is not a number of seconds from 0 to 86400");
  }

  private IllegalArgumentException invalid(String reason) {
    return new IllegalArgumentException(TYPE + " target '" + target.description() + "': " + reason);
  }
}
