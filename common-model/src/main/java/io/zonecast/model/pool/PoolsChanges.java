package io.zonecast.model.pool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What a new version of the pools file changes, pool by pool (matched by id): pools added and
 * removed, and for a pool in both, the targets, nameservers, also_notifies and NS records added and
 * removed, and whether anything else of it changed (name, attributes, catalog zone...). A target
 * whose options change counts as one removed and one added: it is another server to the pool
 * manager.
 */
public record PoolsChanges(
    List<Pool> addedPools, List<Pool> removedPools, List<PoolChange> changed) {

  public PoolsChanges {
    addedPools = List.copyOf(addedPools);
    removedPools = List.copyOf(removedPools);
    changed = List.copyOf(changed);
  }

  /** What changed in one pool that is in both versions; {@code after} is its new version. */
  public record PoolChange(
      Pool before,
      Pool after,
      List<Pool.Target> addedTargets,
      List<Pool.Target> removedTargets,
      List<Pool.HostPort> addedNameservers,
      List<Pool.HostPort> removedNameservers,
      List<Pool.HostPort> addedAlsoNotifies,
      List<Pool.HostPort> removedAlsoNotifies,
      List<Pool.NsRecord> addedNsRecords,
      List<Pool.NsRecord> removedNsRecords) {

    public PoolChange {
      addedTargets = List.copyOf(addedTargets);
      removedTargets = List.copyOf(removedTargets);
      addedNameservers = List.copyOf(addedNameservers);
      removedNameservers = List.copyOf(removedNameservers);
      addedAlsoNotifies = List.copyOf(addedAlsoNotifies);
      removedAlsoNotifies = List.copyOf(removedAlsoNotifies);
      addedNsRecords = List.copyOf(addedNsRecords);
      removedNsRecords = List.copyOf(removedNsRecords);
    }

    /** One line per change, for logs and {@code pool update --dry-run}. */
    List<String> describe() {
      String pool = "pool '" + after.name() + "' (" + after.id() + "): ";
      List<String> lines = new ArrayList<>();
      addedTargets.forEach(t -> lines.add(pool + "target added: " + target(t)));
      removedTargets.forEach(t -> lines.add(pool + "target removed: " + target(t)));
      addedNameservers.forEach(n -> lines.add(pool + "nameserver added: " + n));
      removedNameservers.forEach(n -> lines.add(pool + "nameserver removed: " + n));
      addedAlsoNotifies.forEach(n -> lines.add(pool + "also_notifies added: " + n));
      removedAlsoNotifies.forEach(n -> lines.add(pool + "also_notifies removed: " + n));
      addedNsRecords.forEach(n -> lines.add(pool + "ns_records added: " + ns(n)));
      removedNsRecords.forEach(n -> lines.add(pool + "ns_records removed: " + ns(n)));
      if (!Objects.equals(before.name(), after.name())) {
        lines.add(pool + "renamed from '" + before.name() + "'");
      }
      if (!Objects.equals(before.description(), after.description())
          || !before.attributes().equals(after.attributes())
          || !Objects.equals(before.catalogZone(), after.catalogZone())) {
        lines.add(pool + "description, attributes or catalog_zone changed");
      }
      return lines;
    }
  }

  /** The changes from {@code before} to {@code after}. */
  public static PoolsChanges between(List<Pool> before, List<Pool> after) {
    Map<UUID, Pool> old = byId(before);
    Map<UUID, Pool> now = byId(after);
    List<Pool> added = now.values().stream().filter(p -> !old.containsKey(p.id())).toList();
    List<Pool> removed = old.values().stream().filter(p -> !now.containsKey(p.id())).toList();
    List<PoolChange> changed = new ArrayList<>();
    for (Pool pool : now.values()) {
      Pool previous = old.get(pool.id());
      if (previous != null && !previous.equals(pool)) {
        changed.add(
            new PoolChange(
                previous,
                pool,
                minus(pool.targets(), previous.targets()),
                minus(previous.targets(), pool.targets()),
                minus(pool.nameservers(), previous.nameservers()),
                minus(previous.nameservers(), pool.nameservers()),
                minus(pool.alsoNotifies(), previous.alsoNotifies()),
                minus(previous.alsoNotifies(), pool.alsoNotifies()),
                minus(pool.nsRecords(), previous.nsRecords()),
                minus(previous.nsRecords(), pool.nsRecords())));
      }
    }
    return new PoolsChanges(added, removed, changed);
  }

  public boolean isEmpty() {
    return addedPools.isEmpty() && removedPools.isEmpty() && changed.isEmpty();
  }

  /** One line per change; empty when nothing changed. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    addedPools.forEach(
        p -> lines.add("pool '" + p.name() + "' (" + p.id() + ") added: " + summary(p)));
    removedPools.forEach(p -> lines.add("pool '" + p.name() + "' (" + p.id() + ") removed"));
    changed.forEach(c -> lines.addAll(c.describe()));
    return lines;
  }

  private static String summary(Pool pool) {
    return pool.targets().size()
        + " targets, "
        + pool.nameservers().size()
        + " nameservers, "
        + pool.alsoNotifies().size()
        + " also_notifies";
  }

  private static String target(Pool.Target target) {
    return target.type()
        + " "
        + target.option("host", "127.0.0.1")
        + ":"
        + target.option("port", "53")
        + (target.description().isBlank() ? "" : " (" + target.description() + ")");
  }

  private static String ns(Pool.NsRecord record) {
    return record.hostname() + " priority " + record.priority();
  }

  private static Map<UUID, Pool> byId(List<Pool> pools) {
    Map<UUID, Pool> map = new LinkedHashMap<>();
    pools.forEach(p -> map.put(p.id(), p));
    return map;
  }

  private static <T> List<T> minus(List<T> from, List<T> without) {
    return from.stream().filter(item -> !without.contains(item)).toList();
  }
}
