package io.zonecast.runtime.resolve;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the host names of the pools file into addresses, through a small chain: an IP address
 * passes straight through; then the hosts file (read again when it changes); then a cache of the
 * system resolver's answers, kept for their TTL, and of its failures, kept for {@code failureTtl}
 * so a name that does not resolve is not asked again at every use; then the system resolver.
 *
 * <p>Callers resolve at each use (a NOTIFY, an SOA query, an rndc call), so an address that changes
 * in the hosts file is used at once and one that changes in DNS once its TTL is over; a service's
 * heartbeat resolves its names ahead so that a use rarely waits for DNS.
 */
public final class HostResolver {

  /** Default of how long a name that did not resolve is not asked again. */
  public static final Duration DEFAULT_FAILURE_TTL = Duration.ofSeconds(5);

  /** Default of the hosts file read first. */
  public static final Path DEFAULT_HOSTS_FILE = Path.of("/etc/hosts");

  private final HostsFile hostsFile;
  private final NameLookup dns;
  private final Clock clock;
  private final Duration failureTtl;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private sealed interface Cached {
    Instant expires();
  }

  private record Found(List<InetAddress> addresses, Instant expires) implements Cached {}

  private record Failed(String reason, Instant expires) implements Cached {}

  public HostResolver(HostsFile hostsFile, NameLookup dns, Clock clock, Duration failureTtl) {
    this.hostsFile = Objects.requireNonNull(hostsFile, "hostsFile");
    this.dns = Objects.requireNonNull(dns, "dns");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (failureTtl.isNegative()) {
      throw new IllegalArgumentException("the failure TTL must not be negative: " + failureTtl);
    }
    this.failureTtl = failureTtl;
  }

  /** The chain with the given hosts file and the system's resolver. */
  public static HostResolver system(Path hostsFile, Duration failureTtl) {
    return new HostResolver(
        new HostsFile(hostsFile), new SystemNameLookup(), Clock.systemUTC(), failureTtl);
  }

  /** {@link #system} with /etc/hosts and the default failure TTL. */
  public static HostResolver systemDefault() {
    return system(DEFAULT_HOSTS_FILE, DEFAULT_FAILURE_TTL);
  }

  public Path hostsFile() {
    return hostsFile.path();
  }

  /**
   * The current addresses of {@code host}, at least one, in the order to try them.
   *
   * @throws HostNotResolvedException naming the host and the reason when it has none
   */
  public List<InetAddress> resolve(String host) throws HostNotResolvedException {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new HostNotResolvedException(host, "the host is empty");
    }
    Optional<InetAddress> literal = IpLiteral.parse(host);
    if (literal.isPresent()) {
      return List.of(literal.get());
    }
    Optional<List<InetAddress>> listed = hostsFile.lookup(host);
    if (listed.isPresent()) {
      return listed.get();
    }
    String key = key(host);
    Instant now = clock.instant();
    Cached cached = cache.get(key);
    if (cached == null || !now.isBefore(cached.expires())) {
      cached = ask(host, now);
      cache.put(key, cached);
    }
    return switch (cached) {
      case Found found -> found.addresses();
      case Failed failed -> throw new HostNotResolvedException(host, failed.reason());
    };
  }

  /** {@link #resolve(String)} with a port: the socket addresses to try, in order. */
  public List<InetSocketAddress> resolve(String host, int port) throws HostNotResolvedException {
    return resolve(host).stream().map(address -> new InetSocketAddress(address, port)).toList();
  }

  private Cached ask(String host, Instant now) {
    try {
      NameLookup.Answer answer = dns.lookup(host);
      if (answer.addresses().isEmpty()) {
        return new Failed(notListed() + "; DNS gave no address", now.plus(failureTtl));
      }
      return new Found(answer.addresses(), now.plus(answer.ttl()));
    } catch (UnknownHostException e) {
      return new Failed(notListed() + "; " + e.getMessage(), now.plus(failureTtl));
    }
  }

  private String notListed() {
    return "not in hosts file " + hostsFile.path();
  }

  /** True when {@code host} is an IPv4 or IPv6 address (also {@code [v6]}), not a name. */
  public static boolean isIpAddress(String host) {
    return IpLiteral.parse(host).isPresent();
  }

  /** How names are compared: without case and without the root's trailing dot. */
  static String key(String host) {
    String name = host.trim().toLowerCase(Locale.ROOT);
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }
}
