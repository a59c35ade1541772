package io.zonecast.model.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PoolsChangesTest {

  static final UUID ID = UUID.fromString("11111111-2222-3333-4444-555555555555");

  static Pool.Target target(int port) {
    return new Pool.Target(
        "bind9",
        "",
        List.of(new Pool.HostPort("127.0.0.1", 5354)),
        Map.of("host", "127.0.0.1", "port", String.valueOf(port)));
  }

  static Pool pool(UUID id, List<Pool.Target> targets, List<Pool.HostPort> nameservers) {
    return new Pool(
        id,
        "default",
        "",
        Map.of(),
        List.of(new Pool.NsRecord("ns1.example.org.", 1)),
        nameservers,
        targets,
        List.of());
  }

  static final Pool.HostPort NS1 = new Pool.HostPort("127.0.0.1", 5310);
  static final Pool.HostPort NS2 = new Pool.HostPort("127.0.0.1", 5311);

  @Test
  void theSamePoolsChangeNothing() {
    Pool pool = pool(ID, List.of(target(5310)), List.of(NS1));
    PoolsChanges changes = PoolsChanges.between(List.of(pool), List.of(pool));
    assertThat(changes.isEmpty()).isTrue();
    assertThat(changes.describe()).isEmpty();
  }

  @Test
  void targetsAndNameserversAddedAndRemovedAreFoundByValue() {
    Pool before = pool(ID, List.of(target(5310), target(5311)), List.of(NS1, NS2));
    Pool after = pool(ID, List.of(target(5310), target(5312)), List.of(NS1));

    PoolsChanges changes = PoolsChanges.between(List.of(before), List.of(after));

    assertThat(changes.addedPools()).isEmpty();
    assertThat(changes.removedPools()).isEmpty();
    PoolsChanges.PoolChange change = changes.changed().getFirst();
    assertThat(change.addedTargets()).containsExactly(target(5312));
    assertThat(change.removedTargets()).containsExactly(target(5311));
    assertThat(change.addedNameservers()).isEmpty();
    assertThat(change.removedNameservers()).containsExactly(NS2);
    assertThat(change.after()).isEqualTo(after);
    assertThat(changes.describe())
        .containsExactly(
            "pool 'default' (" + ID + "): target added: bind9 127.0.0.1:5312",
            "pool 'default' (" + ID + "): target removed: bind9 127.0.0.1:5311",
            "pool 'default' (" + ID + "): nameserver removed: 127.0.0.1:5311");
  }

  @Test
  void aTargetWhoseOptionsChangeIsAnotherTarget() {
    Pool.Target moved =
        new Pool.Target(
            "bind9",
            "",
            List.of(new Pool.HostPort("127.0.0.1", 5354)),
            Map.of("host", "127.0.0.1", "port", "5310", "rndc_port", "9999"));
    PoolsChanges changes =
        PoolsChanges.between(
            List.of(pool(ID, List.of(target(5310)), List.of(NS1))),
            List.of(pool(ID, List.of(moved), List.of(NS1))));
    assertThat(changes.changed().getFirst().addedTargets()).containsExactly(moved);
    assertThat(changes.changed().getFirst().removedTargets()).containsExactly(target(5310));
  }

  @Test
  void poolsAreMatchedById() {
    UUID other = UUID.randomUUID();
    Pool kept = pool(ID, List.of(target(5310)), List.of(NS1));
    Pool gone = pool(other, List.of(target(5320)), List.of(NS1));
    Pool added = pool(UUID.randomUUID(), List.of(), List.of());

    PoolsChanges changes = PoolsChanges.between(List.of(kept, gone), List.of(kept, added));

    assertThat(changes.addedPools()).containsExactly(added);
    assertThat(changes.removedPools()).containsExactly(gone);
    assertThat(changes.changed()).isEmpty();
    assertThat(changes.describe())
        .containsExactly(
            "pool 'default' (" + added.id() + ") added: 0 targets, 0 nameservers, 0 also_notifies",
            "pool 'default' (" + other + ") removed");
  }
}
