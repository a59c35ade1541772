package io.zonecast.poolmanager.target;

import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.runtime.resolve.HostNotResolvedException;
import io.zonecast.runtime.resolve.HostResolver;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * remote and one NOTIFY ACL per master of the target ({@code zonecast-<host>-<port>}, signed with
 * {@code tsig_key_name} when given, a key knot.conf defines), with the master's current addresses:
 * Knot takes addresses only, so a host name is resolved at each call. The zones name the remote by
 * id, so when the addresses move, {@link #followMasters} updates the remotes and ACLs alone.
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
  private record Step(List<String> arguments, String alreadyDone) {}

  private final Pool.Target target;
  private final Knotc knotc;
  private final String program;
  private final Path socket;
  private final Duration timeout;
  private final List<String> remotes;
  private final List<String> acls;
  private final boolean definesRemotes;
  private final String tsigKey;
  private final HostResolver resolver;

  KnotBackend(Pool.Target target, Knotc knotc, Duration defaultTimeout, HostResolver resolver) {
    this.target = target;
    this.knotc = knotc;
    this.resolver = resolver;
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
    this.tsigKey = identifier("tsig_key_name", target.option("tsig_key_name", "").trim());
    List<String> namedRemotes = identifiers("remote");
    List<String> namedAcls = identifiers("acl");
    this.definesRemotes = namedRemotes.isEmpty();
    if (!definesRemotes) {
      this.remotes = namedRemotes;
      this.acls = namedAcls;
      return;
    }
    if (!namedAcls.isEmpty()) {
      throw invalid("acl is for zones pulling from the named remote; name it too");
    }
    if (target.masters().isEmpty()) {
      throw invalid("needs masters (the MiniDNS servers) or a remote defined in knot.conf");
    }
    this.remotes = remoteIds(target.masters());
    this.acls = remotes;
  }

  /** The ids of the remotes (and ACLs) the backend defines for these masters. */
  private static List<String> remoteIds(List<Pool.HostPort> masters) {
    return masters.stream()
        .map(m -> "zonecast-" + m.host().replaceAll("[^A-Za-z0-9.]", "_") + "-" + m.port())
        .toList();
  }

  /**
   * For each master, a remote with its current addresses and an ACL letting its NOTIFYs in from
   * them, both with the same id. Knot's {@code conf-set} adds values to a list item, so the
   * addresses are unset first (in the same transaction) and the item holds only the current ones.
   *
   * @throws BackendException when a master's host name does not resolve
   */
  private List<Step> definitions() throws BackendException {
    List<Step> steps = new ArrayList<>();
    if (!definesRemotes) {
      return steps;
    }
    Map<String, List<String>> addresses = addressItems();
    for (String id : remotes) {
      steps.add(new Step(List.of("conf-set", "remote[" + id + "]"), DUPLICATE));
      steps.addAll(replace(remoteAddress(id), addresses.get(remoteAddress(id))));
      steps.add(new Step(List.of("conf-set", "acl[" + id + "]"), DUPLICATE));
      steps.addAll(replace(aclAddress(id), addresses.get(aclAddress(id))));
      steps.add(new Step(List.of("conf-set", "acl[" + id + "].action", "notify"), null));
      if (!tsigKey.isEmpty()) {
        steps.add(new Step(List.of("conf-set", "remote[" + id + "].key", tsigKey), null));
        steps.add(new Step(List.of("conf-set", "acl[" + id + "].key", tsigKey), null));
      }
    }
    return steps;
  }

  /**
   * The address items of the remotes and ACLs the backend defines, each with the values it should
   * hold now: the remote {@code address@port} for each current address of its master, the ACL the
   * addresses.
   */
  private Map<String, List<String>> addressItems() throws BackendException {
    Map<String, List<String>> items = new LinkedHashMap<>();
    for (int i = 0; i < target.masters().size(); i++) {
      Pool.HostPort master = target.masters().get(i);
      List<String> addresses = addresses(master);
      items.put(
          remoteAddress(remotes.get(i)),
          addresses.stream().map(a -> a + "@" + master.port()).toList());
      items.put(aclAddress(remotes.get(i)), addresses);
    }
    return items;
  }

  private static String remoteAddress(String id) {
    return "remote[" + id + "].address";
  }

  private static String aclAddress(String id) {
    return "acl[" + id + "].address";
  }

  /**
   * True when Knot's configuration holds exactly these values in each item ({@code conf-read}
   * answers {@code item = value value...}); false when it differs, or is written otherwise.
   */
  private boolean holds(Map<String, List<String>> items) throws BackendException {
    for (Map.Entry<String, List<String>> item : items.entrySet()) {
      Knotc.Result read = run(List.of("conf-read", item.getKey()));
      String prefix = item.getKey() + " = ";
      List<String> values =
          read.output()
              .lines()
              .filter(line -> line.startsWith(prefix))
              .flatMap(line -> Arrays.stream(line.substring(prefix.length()).trim().split("\\s+")))
              .toList();
      if (!read.ok() || !Set.copyOf(values).equals(Set.copyOf(item.getValue()))) {
        return false;
      }
    }
    return true;
  }

  /** Sets the list item to exactly {@code values}: unset (if it has any), then set. */
  private static List<Step> replace(String item, List<String> values) {
    return List.of(
        new Step(List.of("conf-unset", item), NO_VALUE),
        new Step(withValues("conf-set", item, values), null));
  }

  /** The zone's primaries and NOTIFY ACLs, exactly the target's. */
  private List<Step> zoneSources(String name) {
    List<Step> steps = new ArrayList<>(replace("zone[" + name + "].master", remotes));
    if (!acls.isEmpty()) {
      steps.addAll(replace("zone[" + name + "].acl", acls));
    }
    return steps;
  }

  @Override
  public void createZone(ZoneRef zone) throws BackendException {
    String name = knotName(zone);
    List<Step> steps = definitions();
    steps.add(new Step(List.of("conf-set", "zone[" + name + "]"), DUPLICATE));
    steps.addAll(zoneSources(name));
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

  /**
   * Updates the remotes and ACLs the backend defines to the masters' current addresses in one
   * transaction (unless they have them already), then has Knot refresh its zones ({@code
   * zone-refresh}: an SOA query to the new addresses, a transfer when behind). The zones name the
   * remotes by id, so they follow at once; only when the masters themselves changed (other ids)
   * does each zone need its {@code master} and {@code acl} set again, which the returned step does.
   * Remotes named in the options are the operator's: nothing to do.
   */
  @Override
  public Optional<ZoneStep> followMasters(List<Pool.HostPort> mastersBefore)
      throws BackendException {
    if (!definesRemotes) {
      return Optional.empty();
    }
    boolean sameRemotes = remoteIds(mastersBefore).equals(remotes);
    if (sameRemotes && holds(addressItems())) {
      return Optional.empty(); // done already (by another pool-manager instance, or before)
    }
    List<Step> steps = definitions();
    withTransactionLock(() -> {
      inTransaction("remotes " + remotes, steps);
      if (sameRemotes) {
        Knotc.Result refresh = run(List.of("zone-refresh"));
        if (!refresh.ok()) {
          throw failure("zone-refresh", refresh);
        }
      }
    });
    log.info("{}: remotes {} now at the masters' current addresses", this, remotes);
    return sameRemotes ? Optional.empty() : Optional.of(this::followNewRemotes);
  }

  /**
   * A zone Knot has gets the target's remotes and ACLs instead of the ones before, and refreshes.
   */
  private void followNewRemotes(ZoneRef zone) throws BackendException {
    String name = knotName(zone);
    withTransactionLock(() -> {
      Knotc.Result read = run(List.of("conf-read", "zone[" + name + "].master"));
      if (!read.ok()) {
        if (read.output().contains(NOT_CONFIGURED)) {
          return; // not on this target: the sync adds it with the current remotes
        }
        throw failure("conf-read zone[" + name + "].master", read);
      }
      inTransaction(name, zoneSources(name));
      Knotc.Result refresh = run(List.of("zone-refresh", name));
      if (!refresh.ok() && !refresh.output().contains(NO_SUCH_ZONE)) {
        throw failure("zone-refresh " + name, refresh);
      }
    });
  }

  /** The master's current addresses, as Knot writes them. */
  private List<String> addresses(Pool.HostPort master) throws BackendException {
    try {
      return resolver.resolve(master.host()).stream().map(InetAddress::getHostAddress).toList();
    } catch (HostNotResolvedException e) {
      throw new BackendException("a master of " + this + ": " + e.getMessage());
    }
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
