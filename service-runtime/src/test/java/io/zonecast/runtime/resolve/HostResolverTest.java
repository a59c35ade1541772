package io.zonecast.runtime.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostResolverTest {

  @TempDir Path dir;

  final MovableClock clock = new MovableClock();
  final List<String> asked = new ArrayList<>();

  /** A system resolver that answers from a script and counts what it was asked. */
  NameLookup dns(NameLookup answers) {
    return host -> {
      asked.add(host);
      return answers.lookup(host);
    };
  }

  HostResolver resolver(NameLookup dns) {
    return new HostResolver(
        new HostsFile(dir.resolve("hosts")), dns(dns), clock, Duration.ofSeconds(5));
  }

  static InetAddress ip(String text) {
    return IpLiteral.parse(text).orElseThrow();
  }

  @Test
  void ipAddressesPassStraightThroughWithoutAskingAnyone() throws Exception {
    HostResolver resolver =
        resolver(host -> {
          throw new UnknownHostException("never");
        });

    assertThat(resolver.resolve("192.0.2.7")).containsExactly(ip("192.0.2.7"));
    assertThat(resolver.resolve("2001:db8::1")).containsExactly(ip("2001:db8::1"));
    assertThat(resolver.resolve("[2001:db8::2]", 53))
        .containsExactly(new InetSocketAddress(ip("2001:db8::2"), 53));
    assertThat(asked).isEmpty();
  }

  @Test
  void theHostsFileComesFirstAndIsReadAgainWhenItChanges() throws Exception {
    Files.writeString(dir.resolve("hosts"), "127.0.0.21 ns-moving.zonecast.test\n");
    HostResolver resolver =
        resolver(host -> new NameLookup.Answer(List.of(ip("192.0.2.99")), Duration.ofHours(1)));

    assertThat(resolver.resolve("NS-Moving.zonecast.test.")).containsExactly(ip("127.0.0.21"));

    Files.writeString(dir.resolve("hosts"), "# moved\n127.0.0.22   ns-moving.zonecast.test\n");
    assertThat(resolver.resolve("ns-moving.zonecast.test")).containsExactly(ip("127.0.0.22"));

    Files.delete(dir.resolve("hosts"));
    assertThat(resolver.resolve("ns-moving.zonecast.test")).containsExactly(ip("192.0.2.99"));
    assertThat(asked).containsExactly("ns-moving.zonecast.test");
  }

  @Test
  void dnsAnswersAreKeptForTheirTtlAndAskedAgainAfter() throws Exception {
    List<InetAddress> answer = new ArrayList<>(List.of(ip("192.0.2.1")));
    HostResolver resolver =
        resolver(host -> new NameLookup.Answer(List.copyOf(answer), Duration.ofSeconds(30)));

    assertThat(resolver.resolve("ns1.example.org")).containsExactly(ip("192.0.2.1"));
    answer.set(0, ip("192.0.2.2"));
    clock.advance(Duration.ofSeconds(29));
    assertThat(resolver.resolve("ns1.example.org"))
        .as("within the TTL")
        .containsExactly(ip("192.0.2.1"));
    clock.advance(Duration.ofSeconds(1));
    assertThat(resolver.resolve("ns1.example.org"))
        .as("the TTL is over")
        .containsExactly(ip("192.0.2.2"));
    assertThat(asked).hasSize(2);
  }

  @Test
  void aFailureIsKeptBrieflyAndNamesTheHost() throws Exception {
    List<String> known = new ArrayList<>();
    HostResolver resolver =
        resolver(host -> {
          if (!known.contains(host)) {
            throw new UnknownHostException("DNS: no such name");
          }
          return new NameLookup.Answer(List.of(ip("192.0.2.5")), Duration.ofMinutes(5));
        });

    assertThatThrownBy(() -> resolver.resolve("late.example.org"))
        .isInstanceOf(HostNotResolvedException.class)
        .hasMessageContaining("late.example.org")
        .hasMessageContaining("no such name")
        .hasMessageContaining(dir.resolve("hosts").toString());
    known.add("late.example.org");
    clock.advance(Duration.ofSeconds(4));
    assertThatThrownBy(() -> resolver.resolve("late.example.org"))
        .as("the failure is still cached")
        .isInstanceOf(HostNotResolvedException.class);
    assertThat(asked).hasSize(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(resolver.resolve("late.example.org")).containsExactly(ip("192.0.2.5"));
    assertThat(asked).hasSize(2);
  }

  @Test
  void anEmptyHostIsRefusedClearly() {
    HostResolver resolver =
        resolver(host -> {
          throw new UnknownHostException("never");
        });
    assertThatThrownBy(() -> resolver.resolve(" "))
        .isInstanceOf(HostNotResolvedException.class)
        .hasMessageContaining("empty");
  }

  /** A clock the test moves forward. */
  static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-11-30T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
