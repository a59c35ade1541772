package io.zonecast.minidns.zonesource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonecast.model.zone.ZoneRef;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

class ReplicaGuardedZoneSourceTest {

  static final Name APEX = Name.fromConstantString("example.test.");
  static final Name WWW = Name.fromConstantString("www.example.test.");
  static final UUID ID = UUID.randomUUID();
  static final UUID POOL = UUID.randomUUID();

  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final SerialMarks marks = new SerialMarks(Duration.ofHours(1), 1000, System::nanoTime);
  final AtomicLong clock = new AtomicLong();

  ReplicaGuardedZoneSource guarded(ZoneSource primary, ZoneSource replica) {
    return new ReplicaGuardedZoneSource(
        primary, replica, () -> {}, marks, meters, Duration.ofSeconds(5), clock::get);
  }

  static InMemoryZone zone(long serial, String address) throws Exception {
    return new InMemoryZone(ID, APEX, serial)
        .add(new ARecord(WWW, DClass.IN, 300, java.net.InetAddress.getByName(address)));
  }

  void told(Name apex, UUID id, long serial) {
    marks.raise(new ZoneRef(id, apex.toString(), POOL, serial));
  }

  double reads(String outcome) {
    return meters.get("zonecast.minidns.replica.reads").tag("outcome", outcome).counter().count();
  }

  @Test
  void aReplicaAtTheToldSerialAnswersEverything() throws Exception {
    InMemoryZone primary = zone(20, "192.0.2.2");
    InMemoryZone replica = zone(20, "192.0.2.2");
    told(APEX, ID, 20);
    ReplicaGuardedZoneSource source =
        guarded(primary.failing(new IllegalStateException()), replica);

    assertThat(source.findZone(WWW)).contains(replica.head());
    assertThat(source.recordsAt(replica.head(), WWW)).hasSize(1);
    assertThat(source.inSnapshot(APEX, s -> s.head().serial())).contains(20L);
    assertThat(reads("replica")).isEqualTo(2);
    assertThat(reads("behind")).isZero();
  }

  @Test
  void aReplicaBehindTheToldSerialIsNotUsedForThatZone() throws Exception {
    InMemoryZone primary = zone(21, "192.0.2.21");
    InMemoryZone replica = zone(20, "192.0.2.20");
    told(APEX, ID, 21);
    ReplicaGuardedZoneSource source = guarded(primary, replica);

    ZoneHead head = source.findZone(WWW).orElseThrow();
    assertThat(head.serial()).isEqualTo(21);
    // the records of a head read from the primary come from the primary too
    assertThat(source.recordsAt(head, WWW))
        .map(Record::rdataToString)
        .containsExactly("192.0.2.21");
    AtomicInteger runs = new AtomicInteger();
    assertThat(
            source.inSnapshot(
                APEX,
                s -> {
                  runs.incrementAndGet();
                  return s.head().serial();
                }))
        .contains(21L);
    assertThat(runs).hasValue(1);
    assertThat(reads("behind")).isEqualTo(2);
    assertThat(reads("replica")).isZero();
  }

  @Test
  void withoutAMarkTheReplicaAnswersEvenWhenBehind() throws Exception {
    ReplicaGuardedZoneSource source = guarded(zone(21, "192.0.2.21"), zone(20, "192.0.2.20"));

    assertThat(source.findZone(WWW).orElseThrow().serial()).isEqualTo(20);
    assertThat(reads("replica")).isEqualTo(1);
  }

  @Test
  void aToldSerialWrappedPastTheReplicasIsNewerByRfc1982() throws Exception {
    InMemoryZone primary = zone(3, "192.0.2.3");
    told(APEX, ID, 3);
    ReplicaGuardedZoneSource source = guarded(primary, zone(0xFFFF_FFF0L, "192.0.2.1"));

    assertThat(source.findZone(APEX).orElseThrow().serial()).isEqualTo(3);

    told(APEX, ID, 0xFFFF_FFF0L); // older than 3: the mark stays at 3
    assertThat(source.findZone(APEX).orElseThrow().serial()).isEqualTo(3);
  }

  @Test
  void aZoneTheReplicaDoesNotHaveYetIsReadFromThePrimary() throws Exception {
    InMemoryZone primary = zone(1, "192.0.2.1");
    ReplicaGuardedZoneSource source =
        guarded(primary, new InMemoryZone(Name.fromConstantString("other.test."), 7));

    // not told yet: the secondaries transfer a new zone as soon as it is added to them
    assertThat(source.findZone(WWW)).contains(primary.head());
    assertThat(source.inSnapshot(APEX, ZoneSnapshot::head)).contains(primary.head());
    assertThat(reads("missing")).isEqualTo(2);
    assertThat(
            guarded(new InMemoryZone(Name.fromConstantString("third.test."), 1), primary)
                .findZone(Name.fromConstantString("nowhere.test.")))
        .isEmpty();
  }

  @Test
  void aToldChildZoneIsNotAnsweredFromItsParentOnTheReplica() throws Exception {
    Name child = Name.fromConstantString("sub.example.test.");
    UUID childId = UUID.randomUUID();
    InMemoryZone primary = new InMemoryZone(childId, child, 5);
    ReplicaGuardedZoneSource source = guarded(primary, zone(20, "192.0.2.20"));
    told(child, childId, 5);

    assertThat(source.findZone(Name.fromConstantString("a.sub.example.test.")))
        .contains(primary.head());
  }

  @Test
  void aZoneCreatedAgainIsNotHeldToItsPredecessorsMark() throws Exception {
    UUID before = UUID.randomUUID();
    told(APEX, before, 50);
    InMemoryZone primary = zone(10, "192.0.2.10");
    InMemoryZone replica = zone(10, "192.0.2.10");
    ReplicaGuardedZoneSource source = guarded(primary, replica);

    // the replica's zone is another than the marked one: the primary decides, and has the new zone
    assertThat(source.findZone(APEX)).contains(primary.head());
    assertThat(marks.size()).isZero();
    assertThat(source.findZone(APEX)).contains(replica.head());
    assertThat(reads("replica")).isEqualTo(1);
  }

  @Test
  void aFailingReplicaIsLeftAloneForAWhile() throws Exception {
    InMemoryZone primary = zone(20, "192.0.2.20");
    InMemoryZone replica = zone(20, "192.0.2.20").failing(new IllegalStateException("down"));
    ReplicaGuardedZoneSource source = guarded(primary, replica);

    assertThat(source.findZone(WWW)).contains(primary.head());
    assertThat(source.inSnapshot(APEX, s -> s.head().serial())).contains(20L);
    assertThat(reads("unavailable")).isEqualTo(2);

    replica.failing(null);
    clock.addAndGet(Duration.ofSeconds(4).toNanos());
    assertThat(source.findZone(WWW)).contains(primary.head());
    assertThat(reads("replica")).isZero();

    clock.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(source.findZone(WWW)).contains(replica.head());
    assertThat(reads("replica")).isEqualTo(1);
  }

  @Test
  void recordsAreReadFromThePrimaryWhenTheReplicaFailsAfterTheHead() throws Exception {
    InMemoryZone primary = zone(20, "192.0.2.20");
    InMemoryZone replica = zone(20, "192.0.2.20");
    ReplicaGuardedZoneSource source = guarded(primary, replica);
    ZoneHead head = source.findZone(WWW).orElseThrow();

    replica.failing(new IllegalStateException("down"));

    assertThat(source.recordsAt(head, WWW)).hasSize(1);
    assertThat(source.hasNamesBelow(head, APEX)).isTrue();
    assertThat(reads("unavailable")).isEqualTo(1);
  }

  @Test
  void aTransferThatFailsAfterItStartedIsNotRepeatedOnThePrimary() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    ReplicaGuardedZoneSource source = guarded(zone(20, "192.0.2.20"), zone(20, "192.0.2.20"));

    assertThatThrownBy(() ->
            source.inSnapshot(
                APEX,
                s -> {
                  runs.incrementAndGet();
                  throw new IllegalStateException("the client went away");
                }))
        .hasMessage("the client went away");
    assertThat(runs).hasValue(1);
    assertThat(Optional.of(reads("unavailable"))).contains(0.0);
  }
}
