package io.zonecast.minidns.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonecast.minidns.server.DnsClient;
import io.zonecast.minidns.system.Retries;
import io.zonecast.minidns.testing.ScriptedDnsServer;
import io.zonecast.minidns.tsig.ZoneKeys;
import io.zonecast.minidns.zonesource.CachedZoneLookup;
import io.zonecast.minidns.zonesource.CachingLookups;
import io.zonecast.minidns.zonesource.InMemoryZone;
import io.zonecast.minidns.zonesource.ZoneHead;
import io.zonecast.minidns.zonesource.ZoneSource;
import io.zonecast.model.messaging.RequestContext;
import io.zonecast.model.minidns.NotifyZoneChanged;
import io.zonecast.model.zone.ZoneRef;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The NOTIFY worker against a scripted UDP server on loopback. */
class NotifySenderTest {

  static final Name APEX = Name.fromConstantString("example.org.");
  static final ZoneRef ZONE = new ZoneRef(UUID.randomUUID(), "example.org.", UUID.randomUUID(), 42);

  final InMemoryZone zone = new InMemoryZone(APEX, 42);
  final Retries retries = new Retries();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final NotifySender sender = new NotifySender(new DnsClient(), retries, zone, meters);

  @AfterEach
  void stopTimer() {
    retries.destroy();
  }

  static NotifyZoneChanged task(String destination, int maxRetries) {
    return new NotifyZoneChanged(
        RequestContext.system("t"), ZONE, destination, 0.2, 0.05, maxRetries);
  }

  static Message reply(Message request, int rcode, int id) {
    Message reply = new Message(id);
    reply.getHeader().setFlag(Flags.QR);
    reply.getHeader().setOpcode(Opcode.NOTIFY);
    reply.getHeader().setRcode(rcode);
    reply.addRecord(request.getQuestion(), Section.QUESTION);
    return reply;
  }

  @Test
  void theNotifyIsAnAuthoritativeSoaNotifyCarryingTheZoneSoa() throws Exception {
    try (var server =
        new ScriptedDnsServer((n, r) -> reply(r, Rcode.NOERROR, r.getHeader().getID()))) {
      assertThat(sender.send(task(server.destination(), 3)).get()).isTrue();

      assertThat(server.received()).hasSize(1);
      Message notify = server.received().getFirst();
      assertThat(notify.getHeader().getOpcode()).isEqualTo(Opcode.NOTIFY);
      assertThat(notify.getHeader().getFlag(Flags.AA)).isTrue();
      assertThat(notify.getQuestion().getName()).isEqualTo(APEX);
      assertThat(notify.getQuestion().getType()).isEqualTo(Type.SOA);
      assertThat(notify.getSection(Section.ANSWER)).containsExactly(zone.head().soa());
      assertThat(meters.counter("zonecast.minidns.notify.tasks", "outcome", "noerror").count())
          .isEqualTo(1);
    }
  }

  @Test
  void aSilentDestinationGetsOnePlusMaxRetriesNotifiesThenTheTaskGivesUp() throws Exception {
    try (var server = new ScriptedDnsServer((n, r) -> null)) {
      assertThat(sender.send(task(server.destination(), 2)).get()).isFalse();

      assertThat(server.received()).hasSize(3);
      assertThat(server.received())
          .extracting(m -> m.getHeader().getID())
          .containsOnly(server.received().getFirst().getHeader().getID());
      assertThat(meters.counter("zonecast.minidns.notify.messages").count()).isEqualTo(3);
      assertThat(meters.counter("zonecast.minidns.notify.tasks", "outcome", "unanswered").count())
          .isEqualTo(1);
    }
  }

  @Test
  void anAnswerWithAnotherIdDoesNotCountAndTheNotifyIsResent() throws Exception {
    try (var server =
        new ScriptedDnsServer((n, r) ->
            reply(
                r,
                Rcode.NOERROR,
                n == 1 ? (r.getHeader().getID() + 1) & 0xffff : r.getHeader().getID()))) {
      assertThat(sender.send(task(server.destination(), 3)).get()).isTrue();
      assertThat(server.received()).hasSize(2);
    }
  }

  @Test
  void anErrorRcodeCountsAsAnswered() throws Exception {
    try (var server =
        new ScriptedDnsServer((n, r) -> reply(r, Rcode.REFUSED, r.getHeader().getID()))) {
      assertThat(sender.send(task(server.destination(), 3)).get()).isTrue();
      assertThat(server.received()).hasSize(1);
    }
  }

  @Test
  void aDatabaseFailureSendsTheNotifyWithoutItsSoa() throws Exception {
    zone.failing(new IllegalStateException("database down"));
    try (var server =
        new ScriptedDnsServer((n, r) -> reply(r, Rcode.NOERROR, r.getHeader().getID()))) {
      assertThat(sender.send(task(server.destination(), 0)).get()).isTrue();
      assertThat(server.received().getFirst().getSection(Section.ANSWER)).isEmpty();
    }
  }

  @Test
  void aNotifyDropsOnlyItsZonesCachedAnswerSoTheNewSerialIsAnsweredAndOtherZonesStayCached()
      throws Exception {
    Name other = Name.fromConstantString("example.net.");
    ZoneSource source = mock(ZoneSource.class);
    when(source.findZone(APEX)).thenReturn(Optional.of(new InMemoryZone(APEX, 41).head()));
    when(source.findZone(other)).thenReturn(Optional.of(new InMemoryZone(other, 7).head()));
    CachedZoneLookup lookup = CachingLookups.keeping(source, 100);
    NotifySender sender =
        new NotifySender(new DnsClient(), retries, source, lookup, ZoneKeys.none(), meters);
    lookup.findZone(APEX);
    lookup.findZone(other);
    // serial 42 is committed; PostgreSQL's announcement of it has not reached this MiniDNS
    when(source.findZone(APEX)).thenReturn(Optional.of(zone.head()));

    try (var server =
        new ScriptedDnsServer((n, r) -> reply(r, Rcode.NOERROR, r.getHeader().getID()))) {
      assertThat(sender.send(task(server.destination(), 0)).get()).isTrue();
    }

    assertThat(lookup.findZone(APEX).map(ZoneHead::serial)).contains(42L);
    assertThat(lookup.findZone(other).map(ZoneHead::serial)).contains(7L);
    verify(source, times(1)).findZone(other);
  }
}
