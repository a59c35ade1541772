package io.zonecast.poolmanager.target;

import io.zonecast.model.pool.Pool;
import io.zonecast.model.zone.ZoneRef;
import io.zonecast.poolmanager.target.KnotConfTransaction.Step;
import io.zonecast.runtime.resolve.HostNotResolvedException;
import io.zonecast.runtime.resolve.HostResolver;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Knot DNS secondary driven through its control socket with {@code knotc}, as Designate's knot2
 * backend does: a zone is added in a configuration transaction ({@link KnotConfTransaction}: {@code
 * conf-begin}, {@code conf-set zone[name]} with its primaries, {@code conf-commit}), after which
 * Knot transfers it at once. Deleting freezes the zone (no transfer can write it again), purges its
 * zone file, journal and timers ({@code zone-purge}) and removes it from the configuration, so a
 * zone created again later never starts from old data. A zone that exists (create) or is gone
 * (delete) counts as done.
 *
 * <p>Where the zone pulls from ({@link KnotOptions}): Knot remotes and ACLs the operator defined in
 * knot.conf, or else one remote and one NOTIFY ACL per master of the target ({@code
 * zonecast-<host>-<port>}, signed with {@code tsig_key_name} when given, a key knot.conf defines),
 * with the master's current addresses: Knot takes addresses only, so a host name is resolved at
 * each call. The zones name the remote by id, so when the addresses move, {@link #followMasters}
 * updates the remotes and ACLs alone.
 *
 * <p>The knotc program is run rather than Knot's control protocol spoken here: that protocol is
 * internal to Knot (which data items carry flags and filters changed between releases), while the
 * knotc packaged with a knotd always speaks its dialect.
 */
class KnotBackend implements Backend {

  static final String TYPE = "knot";

  private static final Logger log = LoggerFactory.getLogger(KnotBackend.class);

  private static final String NO_SUCH_ZONE = "no such zone";
  private static final String DUPLICATE = "duplicate identifier";
  private static final String NOT_CONFIGURED = "invalid identifier";

  private final Pool.Target target;
  private final KnotOptions options;
  private final KnotConfTransaction conf;
  private final HostResolver resolver;

  /**
   * @throws IllegalArgumentException when the target's options are invalid
   */
  KnotBackend(Pool.Target target, Knotc knotc, Duration defaultTimeout, HostResolver resolver) {
    this.target = target;
    this.options = KnotOptions.of(target, defaultTimeout);
    this.conf = new KnotConfTransaction(knotc, options, this);
    this.resolver = resolver;
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
    if (!options.definesRemotes()) {
      return steps;
    }
    Map<String, List<String>> addresses = addressItems();
    String tsigKey = options.tsigKey();
    for (String id : options.remotes()) {
      steps.add(new Step(List.of("conf-set", "remote[" + id + "]"), DUPLICATE));
      steps.addAll(
          KnotConfTransaction.replace(remoteAddress(id), addresses.get(remoteAddress(id))));
      steps.add(new Step(List.of("conf-set", "acl[" + id + "]"), DUPLICATE));
      steps.addAll(KnotConfTransaction.replace(aclAddress(id), addresses.get(aclAddress(id))));
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
      String id = options.remotes().get(i);
      items.put(remoteAddress(id), addresses.stream().map(a -> a + "@" + master.port()).toList());
      items.put(aclAddress(id), addresses);
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
      Knotc.Result read = conf.knotc(List.of("conf-read", item.getKey()));
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

  /** The zone's primaries and NOTIFY ACLs, exactly the target's. */
  private List<Step> zoneSources(String name) {
    List<Step> steps =
        new ArrayList<>(
            KnotConfTransaction.replace("zone[" + name + "].master", options.remotes()));
    if (!options.acls().isEmpty()) {
      steps.addAll(KnotConfTransaction.replace("zone[" + name + "].acl", options.acls()));
    }
    return steps;
  }

  @Override
  public void createZone(ZoneRef zone) throws BackendException {
    String name = knotName(zone);
    List<Step> steps = definitions();
    steps.add(new Step(List.of("conf-set", "zone[" + name + "]"), DUPLICATE));
    steps.addAll(zoneSources(name));
    conf.locked(() -> {
      conf.run(name, steps);
      // a delete that stopped after its freeze leaves the zone frozen: it would never transfer
      Knotc.Result thaw = conf.knotc(List.of("zone-thaw", name));
      if (!thaw.ok()) {
        throw conf.failure("zone-thaw " + name, thaw);
      }
    });
  }

  @Override
  public void deleteZone(ZoneRef zone) throws BackendException {
    String name = knotName(zone);
    conf.locked(() -> {
      // frozen, the zone takes no transfer between the purge and its removal (one unfrozen would
      // at once transfer itself again and write a new zone file)
      Knotc.Result freeze = conf.knotc(List.of("-b", "zone-freeze", name));
      boolean configured = freeze.ok();
      if (!configured && !freeze.output().contains(NO_SUCH_ZONE)) {
        throw conf.failure("zone-freeze " + name, freeze);
      }
      if (configured) {
        Knotc.Result purge = conf.knotc(List.of("-b", "-f", "zone-purge", name));
        if (!purge.ok() && !purge.output().contains(NO_SUCH_ZONE)) {
          throw conf.failure("zone-purge " + name, purge);
        }
      }
      conf.run(
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
    if (!options.definesRemotes()) {
      return Optional.empty();
    }
    List<String> remotes = options.remotes();
    boolean sameRemotes = KnotOptions.remoteIds(mastersBefore).equals(remotes);
    if (sameRemotes && holds(addressItems())) {
      return Optional.empty(); // done already (by another pool-manager instance, or before)
    }
    List<Step> steps = definitions();
    conf.locked(() -> {
      conf.run("remotes " + remotes, steps);
      if (sameRemotes) {
        Knotc.Result refresh = conf.knotc(List.of("zone-refresh"));
        if (!refresh.ok()) {
          throw conf.failure("zone-refresh", refresh);
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
    conf.locked(() -> {
      Knotc.Result read = conf.knotc(List.of("conf-read", "zone[" + name + "].master"));
      if (!read.ok()) {
        if (read.output().contains(NOT_CONFIGURED)) {
          return; // not on this target: the sync adds it with the current remotes
        }
        throw conf.failure("conf-read zone[" + name + "].master", read);
      }
      conf.run(name, zoneSources(name));
      Knotc.Result refresh = conf.knotc(List.of("zone-refresh", name));
      if (!refresh.ok() && !refresh.output().contains(NO_SUCH_ZONE)) {
        throw conf.failure("zone-refresh " + name, refresh);
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

  @Override
  public String toString() {
    return TYPE
        + " target "
        + (target.description().isBlank() ? "" : "'" + target.description() + "' ")
        + "(socket "
        + options.socket()
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
    return options.timeout();
  }

  List<String> remotes() {
    return List.copyOf(options.remotes());
  }
}
